"""The command line's start-up measures (composer.startup): each leaves every result as
Python and pydantic would give it, in the command line's process only."""

import os
import subprocess
import sys
from pathlib import Path

from conftest import REPO, SEED_YAML

from composer.cache import read_record


def _python(code: str, *args: str, cache=None) -> list[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if cache is not None:
        env["REPORT_COMPOSER_CACHE"] = str(cache)
    result = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, cwd=REPO,
                            env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout.split("\n")


def test_the_command_skips_pydantics_plugin_lookup_without_hiding_the_rest_of_it():
    """get_plugins answers "none" without importing importlib.metadata; anything else pydantic
    may ask of that module comes from the real one."""
    code = (
        "import sys\nfrom composer.startup import without_pydantic_plugins\nwithout_pydantic_plugins()\n"
        "from pydantic.plugin._loader import get_plugins\nprint(list(get_plugins()), 'importlib.metadata' in sys.modules)\n"
        "from pydantic.plugin._loader import PYDANTIC_ENTRY_POINT_GROUP\nprint(PYDANTIC_ENTRY_POINT_GROUP)\n"
    )
    assert _python(code)[:2] == ["[] False", "pydantic"]


def test_the_command_compiles_forward_references_when_they_are_evaluated():
    """The command line has typing.ForwardRef compile its text when first evaluated (most that
    pydantic makes never are): nothing is compiled when one is made, and what evaluating gives,
    a bad text's SyntaxError included, is what typing itself gives."""
    code = (
        "import builtins, sys, typing\nfrom composer import startup\n"
        "if sys.argv[1] == 'lazy':\n    startup.forward_references_compiled_when_evaluated()\n"
        "compiled = []\nreal = builtins.compile\n"
        "builtins.compile = lambda source, *rest, **options: compiled.append(source) or real(source, *rest, **options)\n"
        "class Node(typing.NamedTuple):\n    items: 'list[int]'\n    next: 'typing.Optional[Node]' = None\n"
        "print(len(compiled))\n"
        "print(typing.get_type_hints(Node), typing.ForwardRef('dict[str, int]')._evaluate(globals(), None, frozenset()))\n"
        "try:\n    typing.ForwardRef('not an expression')._evaluate({}, {}, frozenset())\n"
        "except SyntaxError as error:\n    print(error)\n"
    )
    lazy, eager = (_python(code, way) for way in ("lazy", "eager"))
    assert lazy[0] == "0" and eager[0] == "2"  # the NamedTuple's two annotations
    assert lazy[1:] == eager[1:] and "Forward reference must be an expression" in lazy[2]


# Dataclasses and namedtuples as pydantic and the layout make them, exec and eval called every
# way Python allows, from a module with `from __future__ import annotations`, and patterns
# with every kind of flag, group and error.
_COMPILING = '''from __future__ import annotations
import sys
from composer import startup
if sys.argv[1] == "kept":
    sources = startup.CompileCache.installed()
import collections, dataclasses, re, typing

@dataclasses.dataclass(frozen=True, order=True)
class Point:
    x: int
    y: tuple = ()

Pair = collections.namedtuple("Pair", "left right")
Cell = typing.NamedTuple("Cell", [("row", int), ("text", str)])
print(Point(1), Point(1) == Point(1), Point(1) < Point(2), hash(Point(1)) == hash(Point(1)), Point.__init__.__annotations__)
print(Pair(1, 2), Pair._make([3, 4]), Cell(1, "甲"), Cell._fields)
namespace = {}
exec("def typed(x: int) -> str: pass", namespace)
print(namespace["typed"].__annotations__, eval("  1 + 1"), eval("x * 2", {"x": 4}), eval("y", None, {"y": 9}))

def inner():
    y = 5
    exec("print('exec in a function sees', y)")
    return eval("y + 1")

print(inner())
exec("z = 7")
print(z, eval("z + 1"))
exec(compile("w = 1", "<mine>", "exec"), namespace)
print(namespace["w"], eval(compile("2 + 3", "<mine>", "eval")))
for bad, run in (("def broken(:", exec), ("1 +", eval), ("a\\0b", exec)):
    try:
        run(bad)
    except (SyntaxError, ValueError) as error:
        print(type(error).__name__, error)
year = re.compile(r"^\\s*(?P<year>[0-9０-９]{4}|[〇一二三四五六七八九]{4})\\s*(?:年度?)?$")
print(year.match(" 二〇二四年度").groupdict(), year.groups, year.groupindex, year.flags, year.pattern)
print(re.findall(r"(?i)straße|ǅ", "STRASSE Straße ǆ ǅ"), re.sub(rb"(\\d+)", rb"<\\1>", b"a12b3", flags=re.LOCALE))
print(re.compile(r"""
    (\\w+)   # a word
    \\s* = \\s* (?P<value>.*)""", re.VERBOSE | re.MULTILINE).findall("a = 1\\nbc=  two"))
print(re.split("[，、]", "甲，乙、丙"), re.fullmatch("(a)(b)?", "a").groups(), re.compile("x", re.DEBUG * 0).flags)
for bad in ("(unclosed", "[z-a]", b"\\p"):
    try:
        re.compile(bad)
    except re.error as error:
        print("re.error", error)
if sys.argv[1] == "kept":
    if len(sys.argv) > 2:
        startup._KEPT = int(sys.argv[2])
    made = sources.made
    sources.save()
    print("made:", made)
'''


def test_compilations_kept_give_what_python_gives_and_are_made_once(tmp_path):
    """The code kept for the next process is what exec and eval would have compiled (the
    caller's __future__ flags, eval's leading blanks, the caller's namespaces when none are
    given, the same errors), a pattern kept is the one re compiles (groups, flags, case
    folding, verbose, bytes, errors), and a second process compiles nothing."""
    builtin = _python(_COMPILING, "builtin", cache=tmp_path)
    first = _python(_COMPILING, "kept", cache=tmp_path)
    second = _python(_COMPILING, "kept", cache=tmp_path)
    assert first[:-2] == builtin[:-1] == second[:-2]
    assert "{'x': 'int', 'return': 'str'}" in builtin[2] and "exec in a function sees 5" in builtin
    assert int(first[-2].split()[-1]) > 20 and second[-2] == "made: 0"
    (record,) = tmp_path.glob("compiled-*.marshal")
    before = record.read_bytes()
    record.write_bytes(before[:4] + b"\0" + before[5:])  # damaged: never used, made again
    assert _python(_COMPILING, "kept", cache=tmp_path)[-2] != "made: 0"
    assert record.read_bytes() == before


def test_compilations_keep_only_what_was_used_once_there_are_too_many(tmp_path):
    _python(_COMPILING, "kept", cache=tmp_path)
    (record,) = tmp_path.glob("compiled-*.marshal")
    key = (2, sys.version)
    known = read_record(record, key)
    # a source an earlier command compiled is kept beside the new ones, up to the bound
    stale = {("exec", 0, "stale = 1"): compile("stale = 1", "<string>", "exec")}
    from composer.cache import write_record

    write_record(record, key, {**stale, **{k: v for i, (k, v) in enumerate(known.items()) if i % 2}})
    _python(_COMPILING, "kept", cache=tmp_path)
    assert read_record(record, key).keys() == known.keys() | stale.keys()
    write_record(record, key, stale)
    _python(_COMPILING, "kept", "3", cache=tmp_path)  # past the bound: the stale one goes
    assert read_record(record, key).keys() == known.keys()


def test_a_render_from_the_command_line_compiles_its_classes_once(tmp_path):
    """The second render of a report reads the first's compiled code and leaves it as it
    was; both PDFs are the same bytes. (In the tests' cache folder, whose font copies other
    tests have made: a folder of its own would spend seconds making them.)"""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    cache = Path(os.environ["REPORT_COMPOSER_CACHE"])
    outputs = []
    for run in range(2):
        out = tmp_path / f"seed{run}.pdf"
        subprocess.run([sys.executable, "-m", "composer", "-q", "render", str(SEED_YAML), "-o", str(out)],
                       check=True, env=env, cwd=REPO, timeout=300)
        outputs.append(out.read_bytes())
        (record,) = cache.glob("compiled-*.marshal")
        if run == 0:
            written = record.stat().st_mtime_ns, record.read_bytes()
    assert (record.stat().st_mtime_ns, record.read_bytes()) == written
    assert len(read_record(record, (2, sys.version))) > 100  # pydantic's dataclasses and our NamedTuples
    assert outputs[0] == outputs[1]


def test_the_collector_is_off_for_one_report_and_on_for_a_batch_or_the_server(tmp_path):
    """`report-composer` starts with Python's cyclic collector off (its passes over what the
    imports make free nothing); a batch or the server, which run long, turn it back on."""
    code = (
        "import gc, sys\nimport composer.cli as cli\n"
        "cli._run = lambda args: print(gc.isenabled()) or 0\n"
        "from composer.__main__ import run\nsys.argv = ['report-composer', *sys.argv[1:]]\nrun()\n"
    )
    seed = str(SEED_YAML)
    assert _python(code, "render", seed, "-o", str(tmp_path / "seed.pdf"))[0] == "False"
    assert _python(code, "batch", seed, "-o", str(tmp_path / "out"))[0] == "True"
    assert _python(code, "serve")[0] == "True"
