"""Command-line interface: thin wiring from typer commands to one library call each."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console

from claimcheck.errors import ClaimcheckError, InputError


def _plain_help_types() -> None:
    """Help without Python type names: typer 0.29 prints `<bool>` after every flag and `<list[Path]>` after
    repeatable arguments; a flag takes no value, and a list is its element repeated (`<path>...`)."""
    from typer.core import TyperArgument, TyperOption

    def shown(original: Callable[..., str | None]) -> Callable[..., str | None]:
        def display(self, ctx):  # noqa: ANN001, ANN202 - click's parameter and context
            if getattr(self, "is_flag", False) and not getattr(self, "metavar", None):
                return None
            text = original(self, ctx)
            if text and text.startswith("<list[") and text.endswith("]>"):
                return f"<{text[6:-2].lower()}>..."
            return text

        return display

    for cls in (TyperOption, TyperArgument):
        if hasattr(cls, "display_type_rich"):
            cls.display_type_rich = shown(cls.display_type_rich)


_plain_help_types()

app = typer.Typer(
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    help="Check mental-health advice against trusted public-health sources (NHS, NIMH, MedlinePlus, CDC, SAMHSA).",
)
index_app = typer.Typer(no_args_is_help=True, help="Build and inspect the search index.")
eval_app = typer.Typer(no_args_is_help=True, help="Measure accuracy on labelled data.")
model_app = typer.Typer(no_args_is_help=True, help="Manage embedding models.")
app.add_typer(index_app, name="index")
app.add_typer(eval_app, name="eval")
app.add_typer(model_app, name="model")

out = Console(soft_wrap=False)
err = Console(stderr=True)

EXIT_RUNTIME, EXIT_USAGE, EXIT_FAIL_ON = 1, 2, 3
VERDICT_LABELS = ("supported", "contradicted", "unverified", "not_checkable")


class Format(StrEnum):
    text = "text"
    json = "json"


FormatOpt = Annotated[Format, typer.Option("--format", "-f", help="Output format.")]
IndexOpt = Annotated[
    Path | None, typer.Option("--index", envvar="CLAIMCHECK_INDEX", help="Index folder.", show_default=False)
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", envvar="CLAIMCHECK_MODEL", help="Embedding model name or folder.")
]
StanceOpt = Annotated[
    str | None,
    typer.Option("--stance", envvar="CLAIMCHECK_STANCE", help="Stance model name or folder; 'baseline': heuristic."),
]
CountryOpt = Annotated[
    str | None,
    typer.Option("--country", envvar="CLAIMCHECK_COUNTRY", help="Country for helplines (GB, US, IE, CA, AU, NZ)."),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress output.")]


def emit_json(value: Any) -> None:
    """A pydantic model or plain data as JSON on stdout: indented, unwrapped and uncoloured (scripts parse it)."""
    if hasattr(value, "model_dump_json"):
        typer.echo(value.model_dump_json(indent=2))
    else:
        typer.echo(json.dumps(value, indent=2, ensure_ascii=False))


def stdout_is_terminal() -> bool:
    """Whether standard output is a terminal (a function, so tests can stand in for one)."""
    return sys.stdout.isatty()


def fail(message: str, code: int = EXIT_RUNTIME) -> NoReturn:
    """One line on stderr and a non-zero exit: never a traceback for an expected problem.

    The message often quotes user input (a file name, a CSV header), so it is printed as plain text: no rich
    markup is parsed and control characters are removed.
    """
    from rich.text import Text

    from claimcheck.render import terminal_safe

    line = Text("error:", style="bold red").append(" " + terminal_safe(message).replace("\n", " "), style="")
    err.print(line, highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def read_text(text: str | None, file: Path | None) -> str:
    """The text to check from the argument, `-` (stdin) or `--file`, decoded strictly as UTF-8."""
    from claimcheck.claims import MAX_INPUT_CHARS, read_input

    if text is not None and file is not None:
        raise InputError("give TEXT or --file, not both")
    if file is not None:
        try:
            with open(file, "rb") as f:
                raw = read_input(f)  # at most MAX_INPUT_BYTES: a huge file is never read whole
        except OSError as exc:
            raise InputError(f"cannot read {file}: {exc.strerror or exc}") from exc
        where = str(file)
    elif text == "-":
        if sys.stdin.isatty():  # `check -` typed at a terminal: say what it is waiting for
            err.print("Paste the advice, then press Ctrl-D (Ctrl-Z then Enter on Windows):", highlight=False)
        raw, where = read_input(sys.stdin.buffer), "standard input"
    elif text is not None:
        # An argument with bytes that are not UTF-8 arrives with lone surrogates (Python's surrogateescape).
        raw, where = text.encode("utf-8", "surrogateescape"), "the text argument"
    elif not sys.stdin.isatty():  # `echo "advice" | claimcheck check`
        raw, where = read_input(sys.stdin.buffer), "standard input"
    else:
        raise InputError("nothing to check: give TEXT, `-` for standard input, or --file PATH")
    try:
        return raw.decode("utf-8-sig")[: MAX_INPUT_CHARS + 1]  # one past the bound: the check says it cut
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{where} is not valid UTF-8 (byte {exc.start}): save it as UTF-8 and try again",
            text=raw.decode("utf-8", "replace")[:MAX_INPUT_CHARS],
        ) from exc


def parse_fail_on(value: str | None) -> frozenset[str]:
    if not value:
        return frozenset()
    labels = frozenset(v.strip().replace("-", "_") for v in value.split(",") if v.strip())
    unknown = labels - set(VERDICT_LABELS)
    if unknown:
        raise InputError(f"--fail-on: unknown label(s) {', '.join(sorted(unknown))}; use {', '.join(VERDICT_LABELS)}")
    return labels


@app.command(
    epilog="Examples:  claimcheck check stop your antidepressants once you feel better  \b\n\n"
    "echo \"St John's wort won't affect the pill\" | claimcheck check  \b\n\n"
    "claimcheck check --file advice.txt --format json --out verdicts.json"
)
def check(
    words: Annotated[
        list[str] | None,
        typer.Argument(help="Advice to check (quotes optional), or - to read standard input.", show_default=False),
    ] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the advice from a UTF-8 text file.")] = None,
    fmt: FormatOpt = Format.text,
    fail_on: Annotated[
        str | None, typer.Option("--fail-on", help="Exit 3 if any claim gets one of these labels (comma list).")
    ] = None,
    country: CountryOpt = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    stance: StanceOpt = None,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show each quote's stance and relevance scores (text output).")
    ] = False,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write the result to this file (atomically).")
    ] = None,
) -> None:
    """Check advice: each claim is supported, contradicted or unverified, with the quotes that decide it."""
    preload_models(model, stance)
    from claimcheck.safety import assess

    text = " ".join(words) if words else None
    try:
        labels = parse_fail_on(fail_on)
        if out_file is not None and file is not None:
            from claimcheck.files import same_file

            if same_file(out_file, file):
                raise InputError(f"--out {out_file} is the input file: write the result to another file")
        content = read_text(text, file)
        if not content.strip():
            raise InputError("nothing to check: the input is empty")
    except InputError as exc:
        if exc.text:  # unreadable bytes: the readable rest still gets the crisis check
            show_safety_only(assess(exc.text, country), fmt)
        fail(str(exc), EXIT_USAGE)
    from claimcheck.pipeline import Checker

    # The crisis check runs first and on its own, so its help is shown even if everything after it fails.
    safety = assess(content, country)
    try:
        checker = Checker(index_dir=index, model=model, stance=stance)
        result = checker.check(content, country=country, safety=safety)
    except ClaimcheckError as exc:
        show_safety_only(safety, fmt)
        fail(str(exc))
    except OSError as exc:  # an index or model file that cannot be read (permissions, a vanished disk)
        show_safety_only(safety, fmt)
        fail(f"cannot read {exc.filename or 'a claimcheck file'}: {exc.strerror or exc}")
    except Exception as exc:  # noqa: BLE001 - whatever broke, someone at risk still sees where to get help
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        show_safety_only(safety, fmt)
        fail(f"unexpected {type(exc).__name__}: {exc} (set CLAIMCHECK_DEBUG=1 for details)")
    if fmt is Format.json:
        emit_json(result)
    else:
        from claimcheck.render import render_result

        render_result(result, out, verbose=verbose)
    if out_file is not None:
        save_result(result, out_file, fmt, verbose)
    if labels and any(c.label in labels for c in result.claims):
        raise typer.Exit(EXIT_FAIL_ON)


def preload_models(model: str | None, stance: str | None) -> None:
    """Start loading a check's ONNX models in the background (`claimcheck.embed.preload_sessions`): a cold
    check overlaps about 0.1 s of loading with its imports and crisis rules. Names resolve as the checker
    resolves them; a model loaded here that the checker does not ask for is only wasted work."""
    from claimcheck.embed import (
        DEFAULT_MODEL_NAME,
        DEFAULT_STANCE_MODEL,
        SAFETY_MODEL,
        default_threads,
        preload_sessions,
    )

    stance = stance or os.environ.get("CLAIMCHECK_STANCE") or "ensemble"
    specs = [(SAFETY_MODEL, 1), (model or os.environ.get("CLAIMCHECK_MODEL") or DEFAULT_MODEL_NAME, default_threads())]
    if stance != "baseline":
        specs.append((DEFAULT_STANCE_MODEL if stance in ("ensemble", "model") else stance, default_threads()))
    preload_sessions(specs)


def save_result(result, path: Path, fmt: Format, verbose: bool) -> None:  # noqa: ANN001 - CheckResult
    """The same result as printed, written atomically to `path` (plain text, no colours, 100 columns)."""
    import io

    from claimcheck.files import write_atomic

    if fmt is Format.json:
        data = result.model_dump_json(indent=2) + "\n"
    else:
        from claimcheck.render import render_result

        buffer = io.StringIO()
        render_result(result, Console(file=buffer, width=100, color_system=None, soft_wrap=False), verbose=verbose)
        data = buffer.getvalue()
    try:
        write_atomic(path, data.encode("utf-8"), mode=0o644)
    except OSError as exc:
        fail(f"cannot write {path}: {exc.strerror or exc}")
    err.print(f"result written to {path}", highlight=False, markup=False, soft_wrap=True)


def show_safety_only(safety, fmt: Format) -> None:  # noqa: ANN001 - claimcheck.safety.Safety
    """When the check itself fails, still give someone at risk the help they need."""
    if safety.tier == "none":
        return
    if fmt is Format.json:
        emit_json({"safety": safety.model_dump(mode="json"), "claims": []})
    else:
        from claimcheck.render import render_safety

        render_safety(safety, out)


@app.command(epilog="Example:  claimcheck privacy --file draft.txt")
def privacy(
    text: Annotated[str | None, typer.Argument(help="The draft post, or - to read standard input.")] = None,
    file: Annotated[Path | None, typer.Option("--file", help="Read the draft from a UTF-8 text file.")] = None,
    fmt: FormatOpt = Format.text,
    redact_sensitive: Annotated[
        bool, typer.Option("--redact-sensitive", help="Also replace sensitive items (diagnosis, medicines...).")
    ] = False,
    country: CountryOpt = None,
) -> None:
    """Before you post: what in a draft identifies you or others, what is sensitive, and a redacted version."""
    try:
        content = read_text(text, file)
        if not content.strip():
            raise InputError("nothing to check: the input is empty")
    except InputError as exc:
        fail(str(exc), EXIT_USAGE)
    from claimcheck.privacy import check_privacy, format_report
    from claimcheck.safety import assess

    # Someone in crisis gets the help banner before any list, as with `check`.
    safety = assess(content, country)
    report = check_privacy(content, redact_sensitive=redact_sensitive)
    if fmt is Format.json:
        data = report.model_dump(mode="json")
        emit_json({"schema_version": data.pop("schema_version"), "safety": safety.model_dump(mode="json"), **data})
        return
    from claimcheck.render import render_safety

    render_safety(safety, out)
    out.print(format_report(report), markup=False, highlight=False, soft_wrap=True)


class VectorIndex(StrEnum):
    auto = "auto"
    flat = "flat"
    ivf = "ivf"


@index_app.command("build")
def index_build(
    corpus: Annotated[
        Path | None, typer.Option("--corpus", help="Snapshot (.jsonl.gz) to index; default: the shipped one.")
    ] = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    quiet: QuietOpt = False,
    fmt: FormatOpt = Format.text,
    vector_index: Annotated[
        VectorIndex,
        typer.Option(
            "--vector-index",
            help="auto: exact (flat) below 200,000 sentences, approximate (IVF, memory-mapped) from there.",
        ),
    ] = VectorIndex.auto,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", envvar="CLAIMCHECK_SCHEDULER", help="Embed on the Dask cluster at this address."),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Embed on a local Dask cluster of N worker processes.")
    ] = None,
) -> None:
    """Embed every sentence of the corpus and write the index (atomically)."""
    from claimcheck.corpus import corpus_hash, default_snapshot_path, read_snapshot
    from claimcheck.embed import load_embedder
    from claimcheck.index import build_index
    from claimcheck.paths import default_index_dir

    if scheduler is not None and workers is not None:
        fail("give --scheduler (a running cluster) or --workers (a local one), not both", EXIT_USAGE)
    target = index or default_index_dir()
    try:
        docs = read_snapshot(corpus or default_snapshot_path())
        embedder = load_embedder(model)
        with embedding_progress(quiet) as progress, embedding_cluster(scheduler, workers, model, embedder) as spread:
            manifest = build_index(
                docs, spread or embedder, target, corpus_hash(docs), progress=progress, vector_index=vector_index.value
            )
    except ClaimcheckError as exc:
        fail(str(exc))
    report_index(manifest, target, fmt, quiet)


@contextmanager
def embedding_cluster(scheduler: str | None, workers: int | None, model: str | None, embedder: Any) -> Iterator[Any]:
    """An embedder whose batches are embedded in shards on a Dask cluster; None without --scheduler/--workers."""
    if scheduler is None and workers is None:
        yield None
        return
    from claimcheck.batch.distributed import Cluster, DaskEmbedder

    with Cluster(scheduler, workers) as cluster:
        yield DaskEmbedder(cluster.client, embedder, model, sessions=cluster.sessions())


@index_app.command("verify")
def index_verify(index: IndexOpt = None, fmt: FormatOpt = Format.text) -> None:
    """Check every index file against the manifest's sha256 (loading checks only sizes of a large index)."""
    from claimcheck.index import verify_index
    from claimcheck.paths import default_index_dir

    target = index or default_index_dir()
    try:
        report = verify_index(target)
    except ClaimcheckError as exc:
        fail(str(exc))
    if fmt is Format.json:
        emit_json(report)
    elif report.ok:
        out.print(
            f"index at {target} is intact: {report.files} files ({report.bytes / 1e6:.1f} MB) match their sha256, "
            f"{report.passages} sentences, {report.vector_index} vectors",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if not report.ok:
        what = [f"damaged or missing: {', '.join(report.damaged)}"] if report.damaged else []
        what += [f"not in the manifest: {', '.join(report.unlisted)}"] if report.unlisted else []
        what += report.problems
        fail(f"index at {target} fails verification ({'; '.join(what)}): rebuild it with `claimcheck index build`")


def expected_messages(bytes_done: int, bytes_total: int, read: int) -> int | None:
    """How many messages the export holds, extrapolated from the bytes read so far (None: cannot tell yet)."""
    if not bytes_total or not bytes_done:
        return None
    return max(read, round(read * bytes_total / bytes_done))


@contextmanager
def embedding_progress(quiet: bool) -> Iterator[Callable[[int, int], None]]:
    """A progress bar on stderr for index builds; yields the callback `build_index` reports to."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    columns = ("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err, disable=quiet, transient=True) as bar:
        task = bar.add_task("embedding sentences", total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def report_index(manifest, target: Path, fmt: Format, quiet: bool) -> None:  # noqa: ANN001 - IndexManifest
    if fmt is Format.json:
        emit_json(manifest)
    elif not quiet:
        err.print(f"indexed {manifest.passages} sentences from {manifest.documents} documents into {target}")


@index_app.command("info")
def index_info(index: IndexOpt = None, fmt: FormatOpt = Format.text) -> None:
    """Show what the index was built from (model, corpus, sizes, versions)."""
    from claimcheck.index import read_manifest
    from claimcheck.paths import default_index_dir

    target = index or default_index_dir()
    try:
        manifest = read_manifest(target)
    except ClaimcheckError as exc:
        fail(str(exc))
    if fmt is Format.json:
        emit_json({"path": str(target), **manifest.model_dump()})
        return
    out.print(f"path        {target}")
    out.print(f"model       {manifest.model_id} (sha256 {manifest.weights_sha256[:16]}, {manifest.dimension} dims)")
    out.print(
        f"corpus      {manifest.documents} documents, {manifest.passages} sentences, hash {manifest.corpus_hash[:16]}"
    )
    out.print(f"created     {manifest.created}")
    out.print("versions    " + ", ".join(f"{k} {v}" for k, v in manifest.versions.items()))


@app.command()
def sources(fmt: FormatOpt = Format.text) -> None:
    """List the trusted sources in the registry and whether their text may be redistributed."""
    from claimcheck.sources import load_sources

    try:
        items = load_sources()
    except ClaimcheckError as exc:
        fail(str(exc))
    if fmt is Format.json:
        emit_json([s.model_dump() for s in items])
        return
    from rich.table import Table

    table = Table("id", "publisher", "country", "kind", "licence", "shipped", box=None)
    for s in items:
        table.add_row(s.id, s.name, s.country, s.kind, s.licence, "yes" if s.redistributable else "no (crawl only)")
    out.print(table)


@app.command()
def schema(
    model: Annotated[
        str, typer.Option(
            "--model",
            "-m",
            metavar="CheckResult|ClaimVerdict",
            help="Which result to describe: CheckResult (all of it) or ClaimVerdict.",
        )
    ] = "CheckResult",
) -> None:
    """Print the JSON Schema of `check --format json` output, with what every field means.

    Example: claimcheck schema --model ClaimVerdict
    """
    from claimcheck import models

    choices = {"checkresult": models.CheckResult, "claimverdict": models.ClaimVerdict}
    chosen = choices.get(model.lower())
    if chosen is None:
        raise typer.BadParameter(f"{model!r} is not one of CheckResult, ClaimVerdict", param_hint="--model")
    emit_json(chosen.model_json_schema())


@eval_app.command("claims")
def eval_claims(
    file: Annotated[
        Path,
        typer.Argument(help="JSONL with {id, text, label[, harmful]} per line, or a folder of them (corpus/claims)."),
    ],
    split: Annotated[str | None, typer.Option(help="Only lines whose `split` field equals this.")] = None,
    fmt: FormatOpt = Format.text,
    index: IndexOpt = None,
    model: ModelOpt = None,
    stance: StanceOpt = None,
) -> None:
    """Score end-to-end verdicts on labelled claims (most severe verdict per line).

    Claim matching uses only the claim bank's train split here, so no evaluated claim is matched to itself.
    """
    from claimcheck.evaluate import EvalFileError, evaluate_claims, format_report, load_claims_file

    try:
        items = load_claims_file(file)
    except EvalFileError as exc:
        fail(str(exc), EXIT_USAGE)
    if split is not None:
        items = [i for i in items if i.extra.get("split") == split]
        if not items:
            fail(f"no lines with split {split!r} in {file}", EXIT_USAGE)
    from claimcheck.pipeline import Checker

    try:
        checker = Checker(index_dir=index, model=model, stance=stance, bank_splits=("train",))
        report = evaluate_claims(checker, items)
    except ClaimcheckError as exc:
        fail(str(exc))
    if fmt is Format.json:
        emit_json(report)
    else:
        out.print(format_report(report), highlight=False, soft_wrap=True)


@eval_app.command("stance")
def eval_stance(
    file: Annotated[Path, typer.Argument(help="JSONL with {claim, evidence, label} per line.")],
    limit: Annotated[int | None, typer.Option(help="Score only the first N lines.")] = None,
    fmt: FormatOpt = Format.text,
    model: ModelOpt = None,
    stance: StanceOpt = None,
) -> None:
    """Score the stance model alone on (claim, evidence) pairs."""
    from claimcheck.evaluate import EvalFileError, evaluate_stance, format_report, load_stance_file

    try:
        items = load_stance_file(file)
    except EvalFileError as exc:
        fail(str(exc), EXIT_USAGE)
    from claimcheck.pipeline import Checker

    try:
        report = evaluate_stance(Checker(model=model, stance=stance), items[:limit] if limit else items)
    except ClaimcheckError as exc:
        fail(str(exc))
    if fmt is Format.json:
        emit_json(report)
    else:
        out.print(format_report(report), highlight=False, soft_wrap=True)


@model_app.command("export")
def model_export(
    source: Annotated[str, typer.Option(help="A sentence-transformers model folder.")],
    name: Annotated[str, typer.Option(help="Name to save it under in CLAIMCHECK_HOME/models.")],
    no_quantize: Annotated[bool, typer.Option("--no-quantize", help="Keep float32 weights.")] = False,
) -> None:
    """Export a sentence-transformers model to ONNX for the index and queries (needs torch)."""
    from claimcheck.export import export_embedder
    from claimcheck.paths import home_dir

    try:
        path = export_embedder(source, home_dir() / "models" / name, model_id=name, quantize=not no_quantize)
    except (OSError, ValueError) as exc:
        fail(f"cannot export {source}: {exc}")
    err.print(f"exported to {path}; build an index with `claimcheck index build --model {name}`")


@model_app.command("export-stance")
def model_export_stance(
    source: Annotated[Path, typer.Argument(help="A trained stance model folder (scripts/train_stance.py).")],
    name: Annotated[str, typer.Option(help="Name to save it under in CLAIMCHECK_HOME/models.")],
    card: Annotated[
        Path | None, typer.Option(help="JSON with the model card's fields (data, licences, metrics, thresholds).")
    ] = None,
    no_quantize: Annotated[bool, typer.Option("--no-quantize", help="Keep float32 weights.")] = False,
) -> None:
    """Export a trained stance cross-encoder to ONNX for the matcher (needs torch)."""
    if not source.is_dir():
        fail(f"no model folder at {source}: pass the folder scripts/train_stance.py wrote", EXIT_USAGE)
    from claimcheck.export import export_stance
    from claimcheck.paths import home_dir

    try:
        fields = json.loads(card.read_text(encoding="utf-8")) if card else {}
        path = export_stance(
            str(source), home_dir() / "models" / name, model_id=name, card=fields, quantize=not no_quantize
        )
    except (OSError, ValueError) as exc:
        fail(f"cannot export {source}: {exc}")
    err.print(f"exported to {path}; use it with `--stance {name}` or CLAIMCHECK_STANCE={name}")


corpus_app = typer.Typer(no_args_is_help=True, help="Refresh the corpus from the publishers' sites and index it.")
app.add_typer(corpus_app, name="corpus")


@corpus_app.command("crawl")
def corpus_crawl(
    source: Annotated[
        list[str] | None, typer.Option("--source", help="Crawl only this source id (repeatable); default: all.")
    ] = None,
    max_pages: Annotated[
        int | None, typer.Option("--max-pages", min=1, help="Fetch at most N pages per source this run.")
    ] = None,
    delay: Annotated[
        float, typer.Option("--delay", min=1.0, help="Seconds between requests to one host (longer Crawl-delay wins).")
    ] = 5.0,
    quiet: QuietOpt = False,
    fmt: FormatOpt = Format.text,
) -> None:
    """Crawl the registry's sources politely into CLAIMCHECK_HOME/corpus (resumable, incremental)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress

    from claimcheck.scrape.crawl import crawl_registry
    from claimcheck.sources import RegistryError

    try:
        with Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            console=err,
            disable=quiet or not err.is_terminal,
            transient=True,
        ) as bar:
            task = bar.add_task("crawling", total=None)
            summary = crawl_registry(
                source,
                max_pages=max_pages,
                delay=delay,
                progress=lambda sid, done, total: bar.update(
                    task, description=f"crawling {sid}", completed=done, total=total
                ),
            )
    except RegistryError as exc:
        fail(str(exc), EXIT_USAGE)
    except ClaimcheckError as exc:
        fail(str(exc))
    if fmt is Format.json:
        emit_json(summary)
    else:
        for line in summary.lines():
            out.print(line, highlight=False, markup=False, soft_wrap=True)


@corpus_app.command("build")
def corpus_build(
    index: IndexOpt = None, model: ModelOpt = None, quiet: QuietOpt = False, fmt: FormatOpt = Format.text
) -> None:
    """Index the shipped snapshot plus your crawled documents (every sentence is re-embedded)."""
    from claimcheck.paths import default_index_dir
    from claimcheck.scrape.store import build_user_index

    target = index or default_index_dir()
    try:
        with embedding_progress(quiet) as progress:
            manifest = build_user_index(target, model=model, progress=progress)
    except ClaimcheckError as exc:
        fail(str(exc))
    report_index(manifest, target, fmt, quiet)


class ReportFormat(StrEnum):
    html = "html"
    csv = "csv"
    jsonl = "jsonl"
    md = "md"


@app.command(
    epilog="Examples:  claimcheck batch 'WhatsApp Chat.zip' --out report.html  \b\n\n"
    "claimcheck batch posts.csv --text-column body --format csv --out report.csv --country US"
)
def batch(
    exports: Annotated[list[Path], typer.Argument(help="Export files: WhatsApp .txt/.zip, Facebook, Reddit, ...")],
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f", help="Report format.")] = ReportFormat.html,
    out_file: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write the report here (atomically); default: stdout.")
    ] = None,
    input_format: Annotated[
        str | None, typer.Option("--input-format", help="Force the export format instead of detecting it.")
    ] = None,
    text_column: Annotated[
        str | None, typer.Option("--text-column", help="Column or field holding the text (CSV / JSONL).")
    ] = None,
    keep_names: Annotated[
        bool, typer.Option("--keep-names", help="Show real names, handles, phones and emails (default: pseudonyms).")
    ] = False,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted batch from its checkpoint (needs --out).")
    ] = False,
    country: CountryOpt = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    stance: StanceOpt = None,
    quiet: QuietOpt = False,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            envvar="CLAIMCHECK_SCHEDULER",
            help="Run on the Dask cluster whose scheduler is at this address (tcp://host:8786).",
        ),
    ] = None,
    workers: Annotated[
        int | None, typer.Option("--workers", min=1, help="Run on a local Dask cluster of N worker processes.")
    ] = None,
) -> None:
    """Check every message of exported group threads; report contradicted claims first, members pseudonymised."""
    from claimcheck.batch.parsers import read_export
    from claimcheck.batch.report import render
    from claimcheck.batch.run import run_batch
    from claimcheck.files import same_file, write_atomic

    if resume and out_file is None:
        fail("--resume needs --out: the checkpoint is kept beside the report", EXIT_USAGE)
    if out_file is None and fmt is ReportFormat.html and stdout_is_terminal():
        fail("an HTML report is a page, not terminal text: add --out report.html (or --format md)", EXIT_USAGE)
    if out_file is not None and any(same_file(out_file, p) for p in exports):
        fail(f"--out {out_file} is one of the inputs: write the report to another file", EXIT_USAGE)
    if scheduler is not None and workers is not None:
        fail("give --scheduler (a running cluster) or --workers (a local one), not both", EXIT_USAGE)
    try:
        export = read_export(list(exports), input_format)
    except InputError as exc:
        fail(str(exc), EXIT_USAGE)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    from claimcheck.pipeline import Checker

    checkpoint = out_file.with_name(out_file.name + ".checkpoint.jsonl") if out_file else None
    try:
        with (
            on_cluster(scheduler, workers, index, model, stance) as dask_checker,
            Progress(
                "[progress.description]{task.description}",
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=err,
                disable=quiet or not err.is_terminal,
                transient=True,
            ) as bar,
        ):
            task = bar.add_task("reading messages", total=None)
            result = run_batch(
                export,
                dask_checker or Checker(index_dir=index, model=model, stance=stance),
                text_column=text_column,
                country=country,
                checkpoint=checkpoint,
                resume=resume,
                progress=lambda done, total, read, finished: bar.update(
                    task, completed=finished, total=expected_messages(done, total, read),
                    description=f"checked {finished} of {read} messages read",
                ),
                **(dask_checker.run_options() if dask_checker else {}),
            )
        report = render(result, fmt.value, keep_names=keep_names)
        if out_file is not None:
            write_atomic(out_file, report.encode("utf-8"))
    except InputError as exc:
        fail(str(exc), EXIT_USAGE)
    except ClaimcheckError as exc:
        fail(str(exc))
    except OSError as exc:
        fail(f"cannot write the report: {exc.strerror or exc}")
    if out_file is None:
        sys.stdout.write(report)
    elif not quiet:
        err.print(
            f"{result.read} messages read = {result.checked} checked + {result.not_checkable} not checkable + "
            f"{result.skipped} skipped; {len(result.claims)} unique claims; report in {out_file}",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if result.flagged and out_file is not None:
        urgent = sum(r.tier == "urgent" for r in result.flagged)
        err.print(
            f"{len(result.flagged)} message(s) suggest a member may be at risk ({urgent} urgent): they are listed "
            f"first in {out_file}, with helplines.",
            style="bold magenta",
            highlight=False,
            markup=False,
            soft_wrap=True,
        )
    if result.stopped:
        fail(f"{result.stopped}; the report covers the messages before that", result.exit_code or EXIT_RUNTIME)


@contextmanager
def on_cluster(
    scheduler: str | None, workers: int | None, index: Path | None, model: str | None, stance: str | None
) -> Iterator[Any]:
    """A DaskChecker on the cluster `--scheduler` or `--workers` names, warmed up; None for a plain run."""
    if scheduler is None and workers is None:
        yield None
        return
    from claimcheck.batch.distributed import CheckerSpec, Cluster, DaskChecker

    # Workers read the index at this path (the same on every machine); None: each worker's own default.
    spec_index = str(index.resolve()) if index is not None else None
    with Cluster(scheduler, workers) as cluster:
        spec = CheckerSpec(index_dir=spec_index, model=model, stance=stance, sessions=cluster.sessions())
        dask_checker = DaskChecker(cluster.client, spec)
        dask_checker.warm_up()
        yield dask_checker


@app.command()
def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="Port to listen on.")] = 8000,
    allow_remote: Annotated[
        bool, typer.Option("--allow-remote", help="Allow a non-loopback --host (no login: anyone who can reach it).")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", min=1, max=16, help="Threads that run checks.")] = 2,
    max_jobs: Annotated[int, typer.Option("--max-jobs", min=1, help="Batch jobs queued or running at once.")] = 2,
    max_upload_mb: Annotated[int, typer.Option("--max-upload-mb", min=1, help="Largest batch upload (MiB).")] = 100,
    rate_limit: Annotated[
        float, typer.Option("--rate-limit", min=0, help="POST requests per minute per client (0: no limit).")
    ] = 60.0,
    timeout: Annotated[float, typer.Option("--timeout", min=1, help="Seconds a check may take.")] = 60.0,
    log_text: Annotated[bool, typer.Option("--log-text", help="Log the text of each check (off by default).")] = False,
    country: CountryOpt = None,
    index: IndexOpt = None,
    model: ModelOpt = None,
    stance: StanceOpt = None,
) -> None:
    """A local web page and HTTP API (POST /v1/check, /v1/batch; docs at /docs). Ctrl-C stops it."""
    from claimcheck.serve.server import RemoteNotAllowed
    from claimcheck.serve.server import serve as run_server
    from claimcheck.serve.settings import ServeSettings

    settings = ServeSettings(
        host=host, port=port, allow_remote=allow_remote, index=index, model=model, stance=stance, workers=workers,
        max_jobs=max_jobs, max_upload=max_upload_mb * 1024 * 1024, rate=rate_limit, timeout=timeout,
        log_text=log_text, country=country,
    )
    try:
        run_server(settings)
    except RemoteNotAllowed as exc:
        fail(str(exc), EXIT_USAGE)
    except ClaimcheckError as exc:
        fail(str(exc))


def main() -> None:
    """Console entry point: unexpected failures become one line (set CLAIMCHECK_DEBUG=1 for the traceback)."""
    try:
        app()
    except BrokenPipeError:  # `claimcheck check ... | head`
        sys.stderr.close()
        raise SystemExit(0) from None
    except Exception as exc:  # noqa: BLE001 - last resort: never a traceback for users
        if os.environ.get("CLAIMCHECK_DEBUG"):
            raise
        err.print(f"[bold red]error:[/] unexpected {type(exc).__name__}: {exc} (set CLAIMCHECK_DEBUG=1 for details)")
        raise SystemExit(EXIT_RUNTIME) from None


def _version(value: bool) -> None:
    if value:
        from claimcheck import __version__

        out.print(f"claimcheck {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Check mental-health advice against trusted public-health sources (NHS, NIMH, MedlinePlus, CDC, SAMHSA)."""


if __name__ == "__main__":
    main()
