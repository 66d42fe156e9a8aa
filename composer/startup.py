"""What the command line does to its own process so that a one-off command starts fast.

A render from the command line spends most of its time starting: importing pydantic,
reportlab and the model. Each measure here changes how Python or pydantic starts in a way
that gives every result unchanged; the command line applies them (`prepare`) to its own
process only, and library callers keep Python's and pydantic's own behaviour.
"""

from __future__ import annotations

import __future__
import builtins
import importlib
import re
import sys
import threading
import types
import typing
from collections.abc import Callable
from pathlib import Path
from typing import Any

# The compiler flags a caller's `from __future__ import ...` gives to what exec and eval
# compile for it (CPython's PyCF_MASK: nested_scopes' flag marks nested functions instead).
_FUTURE_FLAGS = sum(getattr(__future__, name).compiler_flag for name in __future__.all_feature_names
                    if name not in ("nested_scopes", "generators"))

_FORWARD_REF_SLOTS = ("__forward_arg__", "__forward_code__", "__forward_evaluated__", "__forward_value__",
                      "__forward_is_argument__", "__forward_is_class__", "__forward_module__")
# Bump when what the record of compilations holds changes.
_RECORD_FORMAT = 2
# Beyond this many compilations the record keeps only those its last command used.
_KEPT = 4000
_WORTH_WRITING = 8


def prepare() -> CompileCache:
    """Applies every measure to this process; call `CompileCache.save` when the command is done."""
    without_pydantic_plugins()
    forward_references_compiled_when_evaluated()
    return CompileCache.installed()


def without_pydantic_plugins() -> None:
    """Tells pydantic this command uses no plugins before it looks for them: looking imports
    importlib.metadata to read every installed package's entry points, ~20 ms of a 250 ms
    render."""
    name = "pydantic.plugin._loader"
    if name in sys.modules:
        return

    def real(attribute: str) -> object:  # anything else a later pydantic wants from it
        if attribute.startswith("__"):  # the import system asking what kind of module this is
            raise AttributeError(attribute)
        sys.modules.pop(name, None)
        return getattr(importlib.import_module(name), attribute)

    loader = types.ModuleType(name)
    loader.get_plugins = tuple  # type: ignore[attr-defined]
    loader.__getattr__ = real  # type: ignore[method-assign]
    sys.modules[name] = loader


def forward_references_compiled_when_evaluated() -> None:
    """Has typing.ForwardRef compile its text when first evaluated, not when made: importing
    pydantic makes some 600 of them (pydantic_core's schema types are annotated in strings)
    and a render evaluates none of those, ~38 M instructions (3%) of a seed PDF process.
    Only where ForwardRef is the one this is written for (Python 3.11 to 3.13). A text that
    is not an expression raises its SyntaxError when evaluated rather than when made."""
    forward_ref = typing.ForwardRef
    code_slot = forward_ref.__dict__.get("__forward_code__")
    if (sys.version_info >= (3, 14) or getattr(forward_ref, "__slots__", None) != _FORWARD_REF_SLOTS
            or not isinstance(code_slot, types.MemberDescriptorType)):
        return

    def made(self: typing.ForwardRef, arg: str, is_argument: bool = True, module: object = None, *,
             is_class: bool = False) -> None:
        if not isinstance(arg, str):
            raise TypeError(f"Forward reference must be a string -- got {arg!r}")
        self.__forward_arg__ = arg
        self.__forward_evaluated__ = False
        self.__forward_value__ = None
        self.__forward_is_argument__ = is_argument
        self.__forward_is_class__ = is_class
        self.__forward_module__ = module

    def code(self: typing.ForwardRef) -> types.CodeType:
        try:
            return code_slot.__get__(self)  # made before this, or compiled already
        except AttributeError:
            arg = self.__forward_arg__
            try:  # as ForwardRef.__init__ does
                compiled = compile(f"({arg},)[0]" if arg[0] == "*" else arg, "<string>", "eval")
            except SyntaxError:
                raise SyntaxError(f"Forward reference must be an expression -- got {arg!r}") from None
            code_slot.__set__(self, compiled)
            return compiled

    setattr(forward_ref, "__init__", made)
    setattr(forward_ref, "__forward_code__", property(code, code_slot.__set__))


class CompileCache:
    """What Python compiles afresh in every process, kept on disk between processes, as Python
    keeps a module's bytecode in __pycache__: the code `exec` and `eval` compile from source
    text, and regular expressions' programs.

    Every dataclass and namedtuple has its methods written as source text and compiled when
    its class is made, and pydantic, its helpers and the layout make some 90 at import: 340
    compilations, ~130 M instructions (an eighth) of a seed PDF process. The standard library,
    pydantic, ruamel and we compile some 55 patterns at import or first use in re's compiler,
    written in Python, ~20 M. With both kept, the next process reads them back (~6 M). What
    runs is what the same text compiles to: with the caller's `from __future__` flags, as
    exec and eval compile it; with the program re's own compiler made for that pattern and
    those flags (patterns only on Python 3.11 to 3.13, whose compiler this is written for).
    """

    def __init__(self, record: Path, known: dict[tuple[str, int, str | bytes], Any]) -> None:
        self.record = record
        self.known = known
        self.used: dict[tuple[str, int, str | bytes], Any] = {}
        self.made = 0  # compilations this process made, not read back
        self._catching = threading.Lock()

    @classmethod
    def installed(cls) -> CompileCache:
        """Read back what earlier processes compiled, and compile for this process from then on."""
        from .cache import cache_dir, read_record

        record = cache_dir() / f"compiled-{sys.implementation.cache_tag}.marshal"
        known = read_record(record, (_RECORD_FORMAT, sys.version))
        kept = cls(record, known if isinstance(known, dict) else {})
        builtins.exec = kept.exec
        builtins.eval = kept.eval
        if (3, 11) <= sys.version_info < (3, 14) and re_compiler.compile is _compile_pattern:
            setattr(re_compiler, "compile", kept.pattern)
        return kept

    def _kept(self, key: tuple[str, int, str | bytes], make: Callable[[], Any]) -> Any:
        value = self.used.get(key) or self.known.get(key)
        if value is None:
            value = make()
            self.made += 1
        self.used[key] = value
        return value

    def exec(self, source: Any, /, globals: Any = None, locals: Any = None, **options: Any) -> None:
        """builtins.exec, with source text compiled once for all processes."""
        caller = sys._getframe(1)
        if globals is None:  # the caller's namespaces, as exec takes them when given none
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = self._code(source, "exec", caller)
        _exec(source, globals, locals, **options)

    def eval(self, source: Any, /, globals: Any = None, locals: Any = None) -> Any:
        """builtins.eval, with source text compiled once for all processes."""
        caller = sys._getframe(1)
        if globals is None:
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = self._code(source.lstrip(" \t"), "eval", caller)  # eval strips these
        return _eval(source, globals, locals)

    def _code(self, source: str, mode: str, caller: types.FrameType) -> types.CodeType:
        flags = caller.f_code.co_flags & _FUTURE_FLAGS
        return self._kept((mode, flags, source), lambda: compile(source, "<string>", mode, flags, dont_inherit=True))

    def pattern(self, pattern: Any, flags: int = 0) -> Any:
        """re's compiler (re._compiler.compile), with a pattern's program made once for all processes."""
        if not isinstance(pattern, (str, bytes)) or flags & re.DEBUG:
            return _compile_pattern(pattern, flags)
        program = self._kept(("re", int(flags), pattern), lambda: self._program(pattern, flags))
        return _sre.compile(pattern, *program)

    def _program(self, pattern: str | bytes, flags: int) -> tuple[Any, ...]:
        """What re's compiler gives _sre.compile for the pattern besides the pattern itself
        (its flags, program, group count and names), caught on the way."""
        catching = _CatchingSre()
        with self._catching:
            setattr(re_compiler, "_sre", catching)
            try:
                _compile_pattern(pattern, flags)
            finally:
                setattr(re_compiler, "_sre", _sre)
        ((given_pattern, given_flags, program, groups, names, group_names),) = catching.given
        if given_pattern is not pattern:
            raise RuntimeError("re's compiler compiled another pattern")
        # plain ints for marshal: the program's opcodes are re's named int constants
        return int(given_flags), [int(code) for code in program], int(groups), dict(names), tuple(group_names)

    def save(self) -> None:
        """Keep this process's compilations for the next, with what was known before (unless
        that grows past _KEPT), when it made _WORTH_WRITING or more: reportlab writes one
        pattern from a set, in another order in every process, which is no reason to rewrite
        a record of some 300 KB each time."""
        if self.made < _WORTH_WRITING:
            return
        from . import output  # noqa: F401 - writing imports it: its classes are compiled, and kept, first
        from .cache import write_record

        kept = {**self.known, **self.used}
        write_record(self.record, (_RECORD_FORMAT, sys.version), kept if len(kept) <= _KEPT else self.used)


class _CatchingSre:
    """_sre for re's compiler while it compiles a pattern: the same, but for keeping what it
    gives _sre.compile."""

    def __init__(self) -> None:
        self.given: list[tuple[Any, ...]] = []

    def __getattr__(self, name: str) -> Any:
        return getattr(_sre, name)

    def compile(self, *given: Any) -> Any:
        self.given.append(given)
        return _sre.compile(*given)


_exec, _eval = builtins.exec, builtins.eval
# re's compiler, written in Python, and the C module it gives patterns' programs to (no stubs)
re_compiler, _sre = importlib.import_module("re._compiler"), importlib.import_module("_sre")
_compile_pattern = re_compiler.compile
