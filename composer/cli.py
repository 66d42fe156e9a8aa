"""The `report-composer` command: render, validate, lint, new, import, format, batch, serve, schema, fonts.

Exit codes: 0 done, 1 the input has problems (each printed as file:line:column), 2 a usage
error or a file that cannot be read. Never a traceback, unless --debug asks for one.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from .model import Report
    from .problems import Lang, Problem
    from .profile import Profile
    from .readers.structure import ImportResult

USAGE_CODES = {
    "file_missing", "file_unreadable", "format_unknown", "format_needed", "option_unsupported", "output_is_input",
    "import_kind_unknown", "import_save_as", "import_docx_unreadable", "import_html_unreadable", "import_ofd_unreadable",
    "output_unwritable",
    "output_default_is_input", "serve_port_busy", "serve_extra_missing", "import_soffice_missing", "import_not_office",
    "import_convert_failed", "import_convert_timeout", "import_pdf_scanned", "import_pdf_encrypted", "import_pdf_unreadable",
    "output_default_not_ours", "import_docx_bad_value", "import_docx_style_cycle",
    "import_docx_part_too_large", "import_docx_too_large", "import_html_too_deep",
}
STDIO = "-"
COMMANDS = ("render", "validate", "lint", "new", "import", "format", "batch", "serve", "fonts", "schema")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: 用法错误 (usage error): {message}\n")


def _lang(args: argparse.Namespace) -> Lang:
    return "en" if args.lang == "en" else "zh"


# A file with thousands of problems (a generated one) gets the first ones and a count.
PRINTED_PER_FILE = 100


def _at_most_per_file(problems: Sequence[Problem]) -> list[Problem]:
    """The first PRINTED_PER_FILE problems of each file, then one saying how many more there are."""
    from .problems import Location, Problem

    shown: list[Problem] = []
    seen: dict[str | None, int] = {}
    for problem in problems:
        file = problem.location.file
        seen[file] = seen.get(file, 0) + 1
        if seen[file] <= PRINTED_PER_FILE:
            shown.append(problem)
    for file, count in seen.items():
        if count > PRINTED_PER_FILE:
            shown.append(Problem("more_problems", {"count": count - PRINTED_PER_FILE}, Location(file), "info"))
    return shown


def _print_problems(problems: Sequence[Problem], args: argparse.Namespace) -> None:
    for problem in _at_most_per_file(problems):
        print(problem.format(_lang(args)), file=sys.stderr)


def _exit_code(problems: Sequence[Problem]) -> int:
    return 2 if any(p.code in USAGE_CODES for p in problems) else 1


def _read_report(source: str) -> Report:
    """A report from a file, or from standard input for '-'."""
    from .api import load
    from .readers.source import decode, read_stream
    from .readers.yaml_reader import report_from_yaml

    if source != STDIO:
        return load(Path(source))
    return report_from_yaml(decode(read_stream(sys.stdin.buffer, "<stdin>"), "<stdin>"), "<stdin>")


def _profile(args: argparse.Namespace) -> Profile:
    """The profile the options name; ReportError, located in the overlay, when it is wrong."""
    from .profile import load_profile

    return load_profile(args.profile, args.variant)


def _render_out(report: Report, args: argparse.Namespace) -> int:
    """Renders to args.output (default: the input with the format's suffix), never over the input.

    Warnings of the render (a font standing in for an official one) print in the user's language.
    """
    from .api import render_result
    from .output import refuse_foreign, refuse_input, write_atomic
    from .problems import Location, Problem, ReportError, in_file
    from .writers import format_for

    output = args.output
    if output is None:
        if args.input == STDIO:
            output = STDIO
        else:
            output = str(Path(args.input).with_suffix("." + (args.format or ("html" if args.fragment else "docx"))))
    fmt = args.format or (None if output == STDIO else format_for(output))
    if fmt is None:
        raise ReportError([Problem("format_needed", {"path": output}, Location(output))])
    if output != STDIO and args.input != STDIO:
        refuse_input(Path(output), [Path(args.input)], named=args.output is not None)
        if args.output is None:
            refuse_foreign(Path(output))
    source = "<stdin>" if args.input == STDIO else args.input
    try:
        rendered = render_result(
            report, fmt, profile=_profile(args), fragment=args.fragment, pdf_standard=args.pdf_standard,
            seals=args.seal,
        )
    except ReportError as error:  # found while rendering: name the input file at least
        raise ReportError(in_file(error.problems, source)) from None
    _print_problems(in_file(rendered.problems, source), args)
    if output == STDIO:
        sys.stdout.buffer.write(rendered.data)
        sys.stdout.buffer.flush()
    else:
        write_atomic(Path(output), rendered.data)
        if not args.quiet:
            print(f"已生成 {output}" if _lang(args) == "zh" else f"wrote {output}", file=sys.stderr)
    return 0


def cmd_render(args: argparse.Namespace) -> int:
    return _render_out(_read_report(args.input), args)


def cmd_validate(args: argparse.Namespace) -> int:
    from .problems import ReportError

    results: list[tuple[str, list[Problem]]] = []
    for source in args.inputs:
        try:
            _read_report(source)
            results.append((source, []))
        except ReportError as error:
            results.append((source, error.problems))
    if args.format == "json":
        payload = [
            {"file": f, "valid": not p, "problems": [x.to_dict(_lang(args)) for x in p]} for f, p in results
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    else:
        for source, problems in results:
            _print_problems(problems, args)
            if not problems and not args.quiet:
                print(f"{source}: 有效" if _lang(args) == "zh" else f"{source}: valid")
    all_problems = [p for _, problems in results for p in problems]
    return _exit_code(all_problems) if all_problems else 0


# Reasons a file could not be linted at all: exit code 2, like a usage error.
LINT_UNREADABLE = USAGE_CODES | {
    "file_too_large", "file_binary", "encoding_gbk", "encoding_unknown", "lint_fix_refused"
}


def _lint_one(
    source: str, args: argparse.Namespace, disable: list[str], profile: Profile
) -> tuple[list[Problem], list[Problem], bool]:
    """(changes made, findings, whether the file was unreadable or could not be fixed as asked)."""
    from .lint import fix_file, lint_file
    from .problems import ReportError

    try:
        if args.fix:
            try:
                changes, findings = fix_file(source, disable, profile)
                return list(changes), list(findings), False
            except ReportError as refusal:
                if refusal.problems[0].code != "lint_fix_refused":
                    raise
                _print_problems(refusal.problems, args)
                return [], list(lint_file(source, disable, profile)), True
        return [], list(lint_file(source, disable, profile)), False
    except ReportError as error:
        return [], error.problems, any(p.code in LINT_UNREADABLE for p in error.problems)


def cmd_lint(args: argparse.Namespace) -> int:
    from .lint import RULES, Finding, unknown_codes
    from .problems import Problem

    lang = _lang(args)
    disable = [code.strip().upper() for item in args.disable for code in item.split(",") if code.strip()]
    if unknown := unknown_codes(disable):
        problem = Problem("lint_unknown_option", {"code": unknown[0], "known": ", ".join(sorted(RULES))})
        print(f"report-composer lint: {problem.message(lang)}", file=sys.stderr)
        return 2
    profile = _profile(args)
    results = [(source, *_lint_one(source, args, disable, profile)) for source in args.inputs]
    if args.format == "json":
        payload = [
            {"file": source, "fixed": [c.to_dict(lang) for c in changes], "findings": [f.to_dict(lang) for f in findings]}
            for source, changes, findings, _ in results
        ]
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    for source, changes, findings, _ in results if args.format == "text" else ():
        for change in changes:
            print(f"{change.location}: {change.message(lang)}")
        for finding in _at_most_per_file(findings):
            to_stdout = isinstance(finding, Finding) or finding.code == "more_problems"
            print(finding.format(lang), file=sys.stdout if to_stdout else sys.stderr)
        if not args.quiet and all(isinstance(f, Finding) for f in findings):
            counts = [sum(f.severity == s for f in findings) for s in ("error", "warning", "info")]
            summary = (f"{len(findings)} 个问题（错误 {counts[0]}，警告 {counts[1]}，提示 {counts[2]}）" if lang == "zh"
                       else f"{len(findings)} finding(s): {counts[0]} error(s), {counts[1]} warning(s), {counts[2]} info")
            print(f"{source}: {summary}", file=sys.stderr)
    if any(unreadable for *_, unreadable in results):
        return 2
    return 1 if any(f.severity == "error" for _, _, findings, _ in results for f in findings) else 0


def _write_text(text: str, output: str | None, args: argparse.Namespace) -> int:
    from .output import write_atomic

    if output in (None, STDIO):
        sys.stdout.write(text)
        return 0
    write_atomic(Path(output), text.encode("utf-8"))
    if not args.quiet:
        print(f"已生成 {output}" if _lang(args) == "zh" else f"wrote {output}", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from .template import new_report_yaml

    if args.output not in (None, STDIO) and Path(args.output).exists() and not args.force:
        message = "文件已存在，如需覆盖请加 --force" if _lang(args) == "zh" else "the file exists; add --force to overwrite"
        print(f"{args.output}: {message}", file=sys.stderr)
        return 2
    return _write_text(new_report_yaml(args.issuer, args.year), args.output, args)


def cmd_schema(args: argparse.Namespace) -> int:
    from .schema import schema_json

    return _write_text(schema_json(), args.output, args)


def cmd_fonts(args: argparse.Namespace) -> int:
    from .layout import describe_face, faces

    for face in faces(_profile(args)).values():
        print(describe_face(face, _lang(args)))
    return 0


def _imported(args: argparse.Namespace) -> ImportResult:
    """Imports args.input, printing what was found (unless -q) and any problems; its report is
    None if invalid."""
    from .readers.importer import import_report

    profile = _profile(args) if "profile" in args else None  # format: the profile it renders with
    result = import_report(args.input, keep_punctuation=args.keep_punctuation, profile=profile)
    shown = [n for n in result.notes if not (args.quiet and n.severity == "info")]
    _print_problems(shown + result.problems, args)
    return result


def cmd_import(args: argparse.Namespace) -> int:
    from .output import refuse_foreign, refuse_input
    from .yaml_writer import report_to_yaml

    output = args.output or str(Path(args.input).with_suffix(".yaml"))
    report = _imported(args).report  # first: a YAML report, the one source named like its output, is not imported
    if report is None:
        return 1
    if output != STDIO:
        refuse_input(Path(output), [Path(args.input)], named=args.output is not None)
        if args.output is None:
            refuse_foreign(Path(output))
    return _write_text(report_to_yaml(report, source=Path(args.input).name), output, args)


def cmd_format(args: argparse.Namespace) -> int:
    result = _imported(args)
    return 1 if result.report is None else _render_out(result.report, args)


def _formats(value: str) -> tuple[str, ...]:
    from .writers import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"不支持 {', '.join(unknown) or repr(value)}；可用 / available: {', '.join(FORMATS)}")
    return chosen


def _positive(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}：应为正整数 / must be 1 or more")
    return int(value)


def cmd_batch(args: argparse.Namespace) -> int:
    import time

    from .batch import Progress, Settings, default_workers, machine_notes, max_workers, plan, run, write_summary
    from .problems import Location, Problem, in_file

    lang = _lang(args)
    out_dir = Path(args.output)
    _profile(args)  # a broken --profile stops here, not in every worker
    jobs, missing = plan(args.inputs, out_dir, args.formats, imports=args.import_sources)
    skipped = [p for p in missing if p.severity != "error"]  # special files and broken links in a folder
    missing = [p for p in missing if p.severity == "error"]
    _print_problems(skipped, args)
    if missing or not jobs:
        more = ("、.docx、.doc、.wps、.odt、.txt、.md、.html", ", .docx, .doc, .wps, .odt, .txt, .md, .html") if args.import_sources else ("；Word 等文件请加 --import", "; add --import for Word files and others")
        _print_problems(missing or [Problem("batch_no_inputs", {"more": more[0], "more_en": more[1]},
                                            Location(" ".join(args.inputs)))], args)
        return 2
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _print_problems([Problem("output_unwritable", {"reason": error.strerror or str(error)}, Location(str(out_dir)))], args)
        return 2
    if args.pdf_standard and "pdf" not in args.formats:
        takers = {"option": "pdf-standard", "format": ",".join(args.formats), "formats": "pdf"}
        _print_problems([Problem("option_unsupported", takers, Location(" ".join(args.inputs)))], args)
        return 2
    settings = Settings(args.formats, args.profile, args.variant, args.pdf_standard, args.time_limit)
    workers = args.jobs or default_workers()
    if workers > max_workers():
        capped = {"asked": workers, "cores": default_workers(), "used": max_workers()}
        _print_problems([Problem("batch_jobs_capped", capped, Location(str(out_dir)), "info")], args)
        workers = max_workers()
    notes = machine_notes(settings)
    _print_problems(in_file(notes, str(out_dir)), args)  # they concern the PDFs written there
    progress = Progress(len(jobs), sys.stderr, lang, args.quiet)
    started = time.monotonic()
    try:
        outcomes = run(jobs, settings, workers=workers, done=progress)
    except KeyboardInterrupt as stop:  # Ctrl-C twice: at once, with what was done
        outcomes = stop.outcomes  # type: ignore[attr-defined]
    finally:
        progress.close()
    interrupted = any(o.status == "interrupted" for o in outcomes)
    summary, _ = write_summary(outcomes, out_dir, args.formats, lang, imports=args.import_sources, notes=notes)
    rendered = sum(o.ok for o in outcomes)
    failed = sum(o.status == "failed" for o in outcomes)
    seconds = time.monotonic() - started
    if lang == "zh":
        line = f"已生成 {rendered} 份，失败 {failed} 份" + (f"，中断后未处理 {len(outcomes) - rendered - failed} 份" if interrupted else "")
        line += f"，用时 {seconds:.1f} 秒；汇总：{summary}"
    else:
        line = f"{rendered} rendered, {failed} failed" + (f", {len(outcomes) - rendered - failed} not done (interrupted)" if interrupted else "")
        line += f" in {seconds:.1f} s; summary: {summary}"
    if not args.quiet or failed or interrupted:
        print(line, file=sys.stderr)
    return 130 if interrupted else 1 if failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    from .problems import Problem, ReportError

    try:
        from .serve.app import Settings
        from .serve.server import serve
        from .serve.workers import Style
    except ImportError as missing:  # the extra is not installed
        raise ReportError([Problem("serve_extra_missing", {"module": missing.name or str(missing)})]) from None
    settings = Settings(workers=args.workers, time_limit=args.time_limit, style=Style(args.profile, args.variant))
    _profile(args)  # a broken --profile stops here, not in every worker
    return serve(args.host, args.port, settings, open_browser=args.open, lang=_lang(args))


def _common_options(default: object) -> argparse.ArgumentParser:
    """--lang, --quiet, --debug, accepted before and after the subcommand."""
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang", choices=("zh", "en"),
        default=os.environ.get("REPORT_COMPOSER_LANG", "zh") if default is None else default,
        help="消息语言 / message language (zh, en)",
    )
    common.add_argument(
        "-q", "--quiet", action="store_true", default=False if default is None else default,
        help="只报告问题 / print problems only",
    )
    common.add_argument(
        "--debug", action="store_true", default=False if default is None else default,
        help="出错时显示内部细节 / show tracebacks",
    )
    return common


class _NotBuilt:
    """Stands for the parser of a command this run does not name: its arguments are not built."""

    def add_argument(self, *args: object, **kwargs: object) -> None:
        pass


def _named_command(argv: Sequence[str]) -> str | None:
    """The command argv names: its first word that is not an option (nor --lang's value), when
    that is a command; None otherwise (no command, a misspelt one: every command is built, to
    list them)."""
    words = iter(argv)
    for word in words:
        if word == "--lang":
            next(words, None)
        elif not word.startswith("-"):
            return word if word in COMMANDS else None
    return None


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or, given `only` (the command a run names), of that one:
    building the others' arguments, argparse looking up the translation of its own messages
    for each, was most of what parsing cost a run."""
    common = _common_options(argparse.SUPPRESS)  # on subcommands: don't undo what came before them
    styled = argparse.ArgumentParser(add_help=False)
    styled.add_argument("--profile", metavar="FILE", help="覆盖版式参数的 TOML 文件 / a TOML file overriding the style profile")
    styled.add_argument(
        "--variant", choices=("official", "plain"), default="official",
        help="字体：official 用仿宋_GB2312/楷体_GB2312，plain 用仿宋/楷体 / faces to name",
    )
    archived = argparse.ArgumentParser(add_help=False)
    archived.add_argument(
        "--pdf-standard", choices=("a-2b", "a-1b", "a-3b", "none"),
        help="PDF 符合的归档标准，默认 a-2b（PDF/A-2b）；none 为普通 PDF / the PDF/A level of the PDF (default a-2b)",
    )

    parser = _Parser(
        prog="report-composer",
        description="法治政府建设年度报告排版工具：YAML（或已有的文本、Word、网页报告）→ 符合 GB/T 9704-2012 的 DOCX、PDF、HTML、TXT。",
        parents=[_common_options(None)],
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")

    def command(name: str, run: Callable[[argparse.Namespace], int], help: str, *parents: argparse.ArgumentParser):
        if only is not None and name != only:
            return _NotBuilt()
        # typeshed wants the parents of the subparsers' parser_class; argparse takes any parser
        p = sub.add_parser(name, help=help, description=help, parents=[common, *parents])  # type: ignore[list-item]
        p.set_defaults(run=run)
        return p

    rendered = argparse.ArgumentParser(add_help=False, parents=[styled, archived])
    rendered.add_argument("-o", "--output", metavar="OUTPUT", help="输出文件，格式由扩展名决定（默认 .docx）；- 表示标准输出")
    rendered.add_argument(
        "-f", "--format", choices=("docx", "pdf", "ofd", "html", "txt", "blocks"),
        help="输出格式；blocks 输出排版结构的文本，供检查和测试 / output format; blocks: the composed document as text",
    )
    rendered.add_argument(
        "--fragment", action="store_true",
        help="HTML 只输出正文部分，供粘贴到网站编辑器 / html: only the article body, to paste into a site's editor",
    )

    rendered.add_argument(
        "--seal", action="append", default=[], metavar="IMAGE",
        help="印章图片（PNG 或 SVG），按发文机关顺序每机关一个，代替报告中写的图片 / a seal image (PNG or SVG) per issuer, in order",
    )

    p = command("render", cmd_render, "排版生成公文 / render a report", rendered)
    p.add_argument("input", metavar="INPUT", help="报告 YAML 文件，- 表示标准输入 / report YAML, - for stdin")

    p = command("validate", cmd_validate, "检查报告是否符合要求 / validate reports")
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="报告 YAML 文件 / report YAML files")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出形式 / output form")

    p = command("lint", cmd_lint, "检查报告中审核人员会指出的问题，可自动修正其中安全的部分 / check a report, fix what is safe", styled)
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="报告 YAML，或已有的报告（.txt .md .docx .html，按原样检查） / report YAML or a source import reads")
    p.add_argument("--format", choices=("text", "json"), default="text", help="输出形式 / output form")
    p.add_argument(
        "--disable", action="append", default=[], metavar="CODE,...",
        help="关闭指定规则，如 --disable W002,L002 / switch rules off",
    )
    p.add_argument(
        "--fix", action="store_true",
        help="在 YAML 中就地修正半角标点、日期前导零、文号括号，其余内容不变 / apply the safe fixes in place",
    )

    p = command("new", cmd_new, "生成带注释的报告模板 / write a commented template")
    p.add_argument("--issuer", default="某某市某某局", help="发文机关 / issuing agency")
    p.add_argument("--year", type=int, help="报告年度，默认上一年（10月起为本年）/ report year (default: last year; from October, this year)")
    p.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认标准输出）")
    p.add_argument("--force", action="store_true", help="覆盖已有文件 / overwrite an existing file")

    imported = argparse.ArgumentParser(add_help=False)
    imported.add_argument("input", metavar="SOURCE", help="已有的报告：.txt .md .docx .html .ofd / an existing report")
    imported.add_argument(
        "--keep-punctuation", action="store_true",
        help="保留原文的半角标点，不改为全角 / keep half-width punctuation as it is",
    )

    p = command("import", cmd_import, "把已有的报告（文本、Markdown、Word、网页）转为 YAML / import an existing report", imported)
    p.add_argument("-o", "--output", metavar="FILE", help="输出的 YAML 文件（默认与源文件同名）；- 表示标准输出")

    command("format", cmd_format, "一键排版：导入已有的报告并生成公文 / import and render in one step", imported, rendered)

    p = command(
        "batch", cmd_batch,
        "批量校验并排版多份报告，生成汇总表 summary.csv / summary.json / validate and render many reports", styled,
        archived,
    )
    p.add_argument("inputs", nargs="+", metavar="INPUT", help="报告 YAML 文件或文件夹（含子文件夹） / report files or folders")
    p.add_argument("-o", "--output", required=True, metavar="OUT_DIR", help="输出文件夹 / output folder")
    p.add_argument(
        "--formats", type=_formats, default=("docx", "pdf"), metavar="FMT,...",
        help="输出格式，默认 docx,pdf（可选 docx pdf html txt） / output formats",
    )
    p.add_argument("-j", "--jobs", type=_positive, metavar="N", help="并行进程数，默认为 CPU 核数；1 表示不另开进程 / processes")
    p.add_argument("--time-limit", type=_positive, default=300, metavar="SECONDS",
                   help="每份报告的时限（秒，默认 300），超时记为失败 / seconds per report")
    p.add_argument(
        "--import", dest="import_sources", action="store_true",
        help="文件夹中的 .docx .txt .md .html 也导入排版（同名 YAML 优先） / also import Word, text and web files in folders",
    )

    p = command("serve", cmd_serve, "启动本机网页工作台和 HTTP 接口 / start the local web workbench and HTTP API", styled)
    p.add_argument("--host", default="127.0.0.1", help="监听地址，默认只允许本机访问 / address to listen on (default: this machine only)")
    p.add_argument("--port", type=int, default=8000, help="端口，默认 8000；0 表示任选空闲端口 / port (0: any free one)")
    p.add_argument("--open", action="store_true", help="启动后在浏览器中打开工作台 / open the workbench in the browser")
    p.add_argument("--workers", type=_positive, default=2, metavar="N", help="排版进程数，默认 2 / render processes")
    p.add_argument("--time-limit", type=float, default=30.0, metavar="SECONDS",
                   help="每次排版的时间上限（秒），默认 30 / time limit of one render")

    command("fonts", cmd_fonts, "列出 PDF 各部分所用字体及其来源 / list the PDF's face per role and where it came from", styled)

    p = command("schema", cmd_schema, "输出报告的 JSON Schema / print the JSON Schema")
    p.add_argument("-o", "--output", metavar="FILE", help="输出文件（默认标准输出）")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Runs the command line (sys.argv when argv is None) and returns the exit code.

    Run as the program (argv None) on one report, the process then ends at once: the
    interpreter's teardown, freeing every object of pydantic, reportlab and the fonts one by
    one, takes 30-50 ms and has nothing left to do (the output is written and closed, the
    streams are flushed here), and it starts as `composer.startup` makes it.
    """
    from .startup import prepare

    compilations = prepare() if argv is None else None
    parser = build_parser(_named_command(sys.argv[1:] if argv is None else argv))
    args = parser.parse_args(argv)
    one_report = args.command not in ("batch", "serve") and len(getattr(args, "inputs", ())) <= 1
    if one_report:
        # Its cyclic garbage is a few thousand objects, while the collector's passes over
        # everything the imports create cost 5% of a render.
        gc.disable()
    else:  # a batch or the server runs long (and `__main__.run` turned it off for the imports)
        gc.enable()
    code = _run(args)
    if compilations is not None:
        compilations.save()
    if one_report and argv is None:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except OSError:  # a reader that has gone (`| head`) wants nothing more
                pass
        os._exit(code)
    return code


def _run(args: argparse.Namespace) -> int:
    from .problems import ReportError

    try:
        return int(args.run(args))
    except ReportError as error:
        _print_problems(error.problems, args)
        return _exit_code(error.problems)
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # the promise is: never a traceback for a user
        if args.debug:
            raise
        label = "内部错误" if _lang(args) == "zh" else "internal error"
        print(f"report-composer: {label}: {type(error).__name__}: {error} (--debug)", file=sys.stderr)
        return 3
