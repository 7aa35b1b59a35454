"""The organisation's own reports: imported, mined into its own bank, layered over the bundled
one, used for its writers only; bad files refused with one line and nothing kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.chat.organisations import Organisations
from bot.writer import render
from bot.writer.answers import from_mapping
from bot.writer.compose import Composer
from phrasebank import intake
from phrasebank.bank import Bank
from phrasebank.own import Library, layered
from phrasebank.store import save_bank

from .owndocs import (
    BAD_FILES,
    EARLIER,
    EARLIER_NUMBERS,
    EARLIER_PLANS,
    HOSPITAL,
    bad_file,
    report_docx,
    wrapped_pdf,
)


@pytest.fixture
def imported(tmp_path: Path) -> Library:
    path = tmp_path / "upload.docx"
    path.write_bytes(report_docx())
    library = Library(tmp_path / "data", "renmin-hospital")
    learned = library.add([(path, "2025年党建工作总结.docx")])
    assert learned.documents == ("2025年党建工作总结",)
    return library


def own_sentences(explained: str) -> list[str]:
    """The sentences --explain attributes to the organisation's own reports."""
    lines = explained.splitlines()
    return [
        lines[i - 1].removeprefix("    ├ ")
        for i, line in enumerate(lines)
        if "本单位报告" in line and i > 0
    ]


def test_import_keeps_the_file_and_mines_it_with_slots(imported: Library) -> None:
    bank = imported.bank()
    assert bank is not None and len(bank) > 10
    assert all(p.own for p in bank)
    assert list((imported.folder / "documents").iterdir())
    # Its figures became slots, never text.
    for phrase in bank:
        assert not any(number in phrase.text for number in EARLIER_NUMBERS), phrase.text
    earlier = imported.earlier()
    assert earlier is not None and earlier.plans == EARLIER_PLANS


def test_the_draft_uses_own_wording_but_none_of_its_figures(imported: Library, bank: Bank) -> None:
    answers = from_mapping(HOSPITAL)
    own = Composer(layered(imported.bank(), bank))
    report = own.compose(answers).report
    used = own_sentences(render.explain(report, own.bank))
    assert used, "no sentence of the draft came from the organisation's own report"
    text = render.to_text(report)
    for number in EARLIER_NUMBERS:
        assert number not in text


def test_without_an_own_bank_the_draft_is_unchanged(imported: Library, bank: Bank) -> None:
    answers = from_mapping(HOSPITAL)
    plain = Composer(bank).compose(answers).report
    assert render.to_text(Composer(layered(None, bank)).compose(answers).report) == (
        render.to_text(plain)
    )


def test_another_organisation_uses_none_of_its_phrases(
    imported: Library, bank: Bank, tmp_path: Path
) -> None:
    members = {"telegram:1": "renmin-hospital", "telegram:2": "other-unit"}
    organisations = Organisations(tmp_path / "data", bank, members)
    ours = organisations.composer("telegram:1")
    theirs = organisations.composer("telegram:2")
    assert theirs is organisations.base
    answers = from_mapping(HOSPITAL)
    assert own_sentences(render.explain(ours.compose(answers).report, ours.bank))
    other = render.explain(theirs.compose(answers).report, theirs.bank)
    assert "本单位报告" not in other
    bundled = {p.text for p in bank}
    draft = render.to_text(theirs.compose(answers).report)
    own = imported.bank()
    assert own is not None
    for phrase in own:
        if phrase.text not in bundled and len(phrase.text) >= 6:
            assert phrase.text.rstrip("。") not in draft


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_a_bad_file_gets_one_line_and_nothing_enters_the_bank(
    imported: Library, tmp_path: Path, case: str
) -> None:
    name, data, says = bad_file(case)
    path = tmp_path / f"bad{Path(name).suffix}"
    path.write_bytes(data)
    before = imported.bank_path.read_bytes()
    record = imported.record()
    learned = imported.add([(path, name)])
    assert learned.documents == ()
    (error,) = learned.skipped
    assert says in error.reason and "\n" not in error.reason
    assert imported.bank_path.read_bytes() == before
    assert imported.record() == record


def test_a_file_over_the_limit_is_refused_before_it_is_read(
    imported: Library, tmp_path: Path
) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (intake.MAX_BYTES + 1))
    before = imported.bank_path.read_bytes()
    (error,) = imported.add([(path, "big.txt")]).skipped
    assert "文件太大" in error.reason
    assert imported.bank_path.read_bytes() == before


def test_the_same_report_twice_is_imported_once(imported: Library, tmp_path: Path) -> None:
    path = tmp_path / "again.docx"
    path.write_bytes(report_docx())
    learned = imported.add([(path, "again.docx")])
    assert learned.documents == () and "已经导入过" in learned.skipped[0].reason


def test_forget_deletes_documents_and_bank(imported: Library) -> None:
    assert imported.forget()
    assert [p.name for p in imported.folder.iterdir()] == [".lock"]
    assert imported.bank() is None and imported.earlier() is None
    assert not imported.forget()


def test_confirmed_brands_stay_in_the_own_bank(tmp_path: Path) -> None:
    source = tmp_path / "brand.txt"
    text = (Path(__file__).parent / "data" / "own" / "earlier_report.txt").read_text("utf-8")
    source.write_text(
        text.replace(
            "二是廉韵清风守底线。", "二是廉韵清风守底线。持续擦亮“杏林清风”廉洁文化品牌。"
        ),
        "utf-8",
    )
    library = Library(tmp_path / "data", "brand-unit")
    learned = library.add([(source, "brand.txt")])
    assert "杏林清风" in learned.brands
    before = library.bank()
    assert before is not None and not any("杏林清风" in p.text for p in before)
    library.decide_brands(learned.brands, own=True)
    after = library.bank()
    assert after is not None and any("杏林清风" in p.text for p in after)
    assert library.pending_brands() == ()


def test_unwrapped_pdf_lines_join_into_paragraphs() -> None:
    lines = [
        "宁川县人民医院党委",
        "2025年工作总结",
        "一、主要工作",
        "一是组织读书分享会，",
        "推动形成读书氛围。",
    ]
    assert intake.unwrap(lines) == [
        "宁川县人民医院党委",
        "2025年工作总结",
        "一、主要工作",
        "一是组织读书分享会，推动形成读书氛围。",
    ]


def test_several_files_at_once_each_keep_their_own_text(tmp_path: Path) -> None:
    """Regression: files of one import once shared one number, so the last text stood for all."""
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))[:3]
    library = Library(tmp_path / "data", "several")
    learned = library.add([(path, path.name) for path in seeds])
    assert len(learned.documents) == 3
    bank = library.bank()
    assert bank is not None
    sources = {s.document for p in bank for s in p.sources}
    assert sources == {path.stem for path in seeds}


def test_a_pdf_with_a_text_layer_reads_like_its_text(tmp_path: Path) -> None:
    path = tmp_path / "upload.pdf"
    path.write_bytes(wrapped_pdf())
    library = Library(tmp_path / "data", "pdf-unit")
    learned = library.add([(path, "2025年党建工作总结.pdf")])
    assert learned.documents == ("2025年党建工作总结",), learned.skipped
    earlier = library.earlier()
    assert earlier is not None and earlier.plans == EARLIER_PLANS
    bank = library.bank()
    assert bank is not None
    assert any(p.text == "推动形成了爱读书、读好书的浓厚氛围" for p in bank)


def test_a_damaged_own_bank_is_logged_and_drafts_go_on_without_it(
    imported: Library, bank: Bank, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    imported.bank_path.write_text("{not json", "utf-8")
    organisations = Organisations(tmp_path / "data", bank, {"telegram:1": "renmin-hospital"})
    assert organisations.composer("telegram:1") is organisations.base
    assert "cannot be read" in caplog.text


def test_a_bank_of_another_miner_is_mined_again(imported: Library) -> None:
    """Like the bundled bank: an own bank mined before a change to the miner is not served."""
    before = imported.bank()
    assert before is not None
    stale = Bank(before.phrases[:1], before.documents, before.dictionary)
    save_bank(stale, imported.bank_path, {"corpus": "own", "fingerprint": "old"})
    again = imported.bank()
    assert again is not None and len(again) == len(before)


def test_an_effect_clause_comes_only_from_the_organisations_own_reports(
    tmp_path: Path, bank: Bank
) -> None:
    """Writers strike stock effect tails as claims; their own report's wording is theirs."""
    # The earlier report, its warning education ending on the organisation's own effect.
    text = EARLIER.read_text("utf-8")
    assert "促使干部职工知敬畏" in text
    earlier = tmp_path / "2025年总结.txt"
    earlier.write_text(
        text.replace("促使干部职工知敬畏、存戒惧、守底线", "推动警示教育常态化、制度化"), "utf-8"
    )
    library = Library(tmp_path / "data", "renmin-hospital")
    assert library.add([(earlier, earlier.name)]).documents
    answers = from_mapping(HOSPITAL)
    fact = "接受警示教育"

    def item(composer: Composer) -> str:
        work = composer.compose(answers).report.section("work")
        (text,) = [i.text for b in work.blocks for i in b.items if fact in i.text]
        return text

    assert item(Composer(bank)).endswith(f"{fact}。")
    assert item(Composer(layered(library.bank(), bank))).endswith("推动警示教育常态化、制度化。")
