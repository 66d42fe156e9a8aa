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
import sys
import types
import typing
from pathlib import Path
from typing import Any

# The compiler flags a caller's `from __future__ import ...` gives to what it compiles.
_FUTURE_FLAGS = 0
for _feature in __future__.all_feature_names:
    _FUTURE_FLAGS |= getattr(__future__, _feature).compiler_flag

_FORWARD_REF_SLOTS = ("__forward_arg__", "__forward_code__", "__forward_evaluated__", "__forward_value__",
                      "__forward_is_argument__", "__forward_is_class__", "__forward_module__")
# Bump when what the record of compiled sources holds changes.
_SOURCES_FORMAT = 1
# Beyond this many sources the record keeps only those its last command used.
_SOURCES_KEPT = 4000


def prepare() -> CompiledSources:
    """Applies every measure to this process; call `CompiledSources.save` when the command is done."""
    without_pydantic_plugins()
    forward_references_compiled_when_evaluated()
    return CompiledSources.installed()


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


class CompiledSources:
    """Code that `exec` and `eval` compile from source text, kept on disk between processes,
    as Python keeps a module's bytecode in __pycache__.

    Every dataclass and namedtuple has its methods written as source text and compiled when
    its class is made, and pydantic, its helpers and the layout make some 90 at import: 340
    compilations, ~130 M instructions (an eighth) of a seed PDF process. With the code kept,
    the next process only reads it back (~5 M). What runs is what the same text compiles to,
    with the caller's `from __future__` flags, as exec and eval would compile it.
    """

    def __init__(self, record: Path, known: dict[tuple[str, int, str], types.CodeType]) -> None:
        self.record = record
        self.known = known
        self.used: dict[tuple[str, int, str], types.CodeType] = {}
        self.compiled_here = False

    @classmethod
    def installed(cls) -> CompiledSources:
        """Read back what earlier processes compiled, and become this process's exec and eval."""
        from .cache import cache_dir, read_record

        record = cache_dir() / f"compiled-{sys.implementation.cache_tag}.marshal"
        known = read_record(record, (_SOURCES_FORMAT, sys.version))
        sources = cls(record, known if isinstance(known, dict) else {})
        builtins.exec = sources.exec
        builtins.eval = sources.eval
        return sources

    def code(self, source: str, mode: str, caller: types.FrameType) -> types.CodeType:
        key = (mode, caller.f_code.co_flags & _FUTURE_FLAGS, source)
        code = self.used.get(key) or self.known.get(key)
        if code is None:
            code = compile(source, "<string>", mode, key[1], dont_inherit=True)
            self.compiled_here = True
        self.used[key] = code
        return code

    def exec(self, source: Any, /, globals: Any = None, locals: Any = None, **options: Any) -> None:
        """builtins.exec, with source text compiled once for all processes."""
        if globals is None:  # the caller's namespaces, as exec takes them when given none
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = self.code(source, "exec", sys._getframe(1))
        _exec(source, globals, locals, **options)

    def eval(self, source: Any, /, globals: Any = None, locals: Any = None) -> Any:
        """builtins.eval, with source text compiled once for all processes."""
        if globals is None:
            caller = sys._getframe(1)
            globals, locals = caller.f_globals, caller.f_locals if locals is None else locals
        if isinstance(source, str):
            source = self.code(source.lstrip(" \t"), "eval", sys._getframe(1))  # eval strips these
        return _eval(source, globals, locals)

    def save(self) -> None:
        """Keep this process's compilations for the next, when it compiled anything: with
        what was known before, unless that grows past _SOURCES_KEPT."""
        if not self.compiled_here:
            return
        from . import output  # noqa: F401 - writing imports it: its classes are compiled, and kept, first
        from .cache import write_record

        kept = {**self.known, **self.used}
        write_record(self.record, (_SOURCES_FORMAT, sys.version), kept if len(kept) <= _SOURCES_KEPT else self.used)


_exec, _eval = builtins.exec, builtins.eval
