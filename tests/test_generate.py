"""Generative answers with langchain's fake chat models on the real small index: prompt, citation
parsing, sentence verification, adversarial outputs, fallbacks, follow-ups and streaming."""

from __future__ import annotations

import importlib.util
import socket
from collections.abc import Iterator
from typing import Any

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from ingest.embed import Embedder
from ingest.store import Index, open_index
from naober.settings import Settings
from rag.generate import PROMPT_PASSAGES, build_messages
from rag.grounding import offered, parse_claim, split_complete
from rag.llm import LLMConfigError, make_llm
from rag.prompts import NOTE_LLM_REFUSED, NOTE_LLM_UNAVAILABLE, NOTE_LLM_UNCHECKED, REFUSAL
from rag.service import answer, answer_stream
from rag.types import Answer

DIGID = "Wie helpt mij met DigiD in Hoogeveen?"


@pytest.fixture(scope="module")
def index(small_settings: Settings, embedder: Embedder) -> Index:
    return open_index(small_settings, embedder)


def digicafe_n(index: Index, settings: Settings, question: str = DIGID) -> int:
    """The prompt number of the passage about the Digicafé."""
    base = answer(question, index=index, settings=settings)
    passages = offered(index, list(base.passages[:PROMPT_PASSAGES]))
    return next(p.n for p in passages if "Digicafé" in p.text)


def fake(*responses: str) -> FakeListChatModel:
    return FakeListChatModel(responses=list(responses))


def ask(index: Index, settings: Settings, llm: Any, question: str = DIGID, **kw: Any) -> Answer:
    return answer(question, index=index, settings=settings, llm=llm, **kw)


def assert_exact(index: Index, a: Answer) -> None:
    assert a.citations
    for c in a.citations:
        assert index.doc_text(c.doc_id)[c.char_start : c.char_end] == c.quote
        assert f"[{c.n}]" in a.answer


def test_prompt_numbers_the_passages_and_asks_for_citations(index: Index, small_settings: Settings) -> None:
    base = answer(DIGID, index=index, settings=small_settings)
    passages = offered(index, list(base.passages[:PROMPT_PASSAGES]))
    (_, system), (_, user) = build_messages(DIGID, passages, "inwoner")
    assert REFUSAL in system and "[2]" in system and "B1" in system and "'u'" in system
    assert [f"[{p.n}] " in user for p in passages] == [True] * len(passages)
    assert user.rstrip().endswith(":") and DIGID in user
    assert "professional" in build_messages(DIGID, passages, "professional")[0][1]
    for p in passages:  # what the model reads is what the source says
        assert all(index.doc_text(s.hit.chunk.doc_id)[s.start : s.end] for s in p.sentences)


def test_citation_parsing() -> None:
    done, rest = split_complete("Eerste zin [1]. Tweede zin. [2] Derde o.a. met afkorting [1, 3] en nog")
    assert done == ["Eerste zin [1].", "Tweede zin. [2]"] and rest == " Derde o.a. met afkorting [1, 3] en nog"
    claim = parse_claim("- **Derde** zin [1, 3][7]", {1, 2, 3})
    assert claim.text == "Derde zin" and claim.cited == (1, 3) and claim.invented == (7,)


def test_supported_answer_is_kept_with_exact_source_citations(index: Index, small_settings: Settings) -> None:
    n = digicafe_n(index, small_settings)
    llm = fake(
        f"In de bibliotheek van Hoogeveen helpt het Digicafé inwoners met hun DigiD [{n}]. "
        f"Het Digicafé is gratis en er is geen afspraak nodig [{n}]."
    )
    a = ask(index, small_settings, llm)
    assert not a.refused and a.verification["mode"] == "generatief" and a.note == ""
    assert a.verification["kept"] == 2 and a.verification["removed"] == []
    assert "Digicafé" in a.answer and "gratis" in a.answer
    assert_exact(index, a)
    assert any("Digicafé" in c.quote for c in a.citations)


@pytest.mark.parametrize(
    ("bad", "reason", "hidden"),
    [
        ("De gemeente betaalt een laptop voor iedereen [7].", {"invented_citation", "unsupported_uncited"}, "[7]"),
        ("Het Digicafé is elke dag open van 9 tot 17 uur [{n}].", {"number_not_in_source"}, "17"),
        ("Het Digicafé in Assen helpt ook met DigiD [{n}].", {"name_not_in_source"}, "Assen"),
        ("Daarnaast regelt de wijkverpleging uw medicijnen en vervoer [{n}].", {"unsupported"}, "medicijnen"),
    ],
)
def test_adversarial_sentence_is_removed_and_reported(
    index: Index, small_settings: Settings, bad: str, reason: set[str], hidden: str
) -> None:
    n = digicafe_n(index, small_settings)
    good = f"In de bibliotheek van Hoogeveen helpt het Digicafé inwoners met hun DigiD [{n}]."
    a = ask(index, small_settings, fake(f"{good} {bad.format(n=n)}"))
    assert a.verification["mode"] == "generatief" and a.verification["kept"] == 1
    (removed,) = a.verification["removed"]
    assert removed["reason"] in reason, removed
    assert hidden not in a.answer
    assert_exact(index, a)


def test_uncited_but_supported_sentence_gets_the_right_citation(index: Index, small_settings: Settings) -> None:
    a = ask(index, small_settings, fake("In de bibliotheek van Hoogeveen helpt het Digicafé inwoners met hun DigiD."))
    assert a.verification["mode"] == "generatief" and a.verification["attributed"] == 1
    assert_exact(index, a)
    assert "Digicafé" in a.citations[0].quote


@pytest.mark.parametrize(
    ("output", "note", "why"),
    [
        (
            "The Digicafé in the library of Hoogeveen helps residents with their DigiD [1].",
            NOTE_LLM_UNCHECKED,
            "too_little_verified",
        ),
        ("", NOTE_LLM_UNCHECKED, "too_little_verified"),
        (REFUSAL, NOTE_LLM_REFUSED, "llm_refused"),
    ],
)
def test_unusable_output_falls_back_to_the_extractive_answer(
    index: Index, small_settings: Settings, output: str, note: str, why: str
) -> None:
    extractive = answer(DIGID, index=index, settings=small_settings)
    a = ask(index, small_settings, fake(output))
    assert a.answer == extractive.answer and a.citations == extractive.citations
    assert a.note == note and a.verification["fallback"] == why and a.verification["mode"] == "extractief"


def test_weak_evidence_is_refused_before_the_model_is_called(index: Index, small_settings: Settings) -> None:
    llm = fake("Een parkeervergunning kost 80 euro [1].")
    a = ask(index, small_settings, llm, "Wat kost een parkeervergunning in Groningen?")
    assert a.refused and not a.citations and llm.i == 0


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_unreachable_server_falls_back_with_a_note(index: Index, small_settings: Settings) -> None:
    s = small_settings.model_copy(
        update={"llm": "openai:m", "llm_base_url": f"http://127.0.0.1:{closed_port()}/v1", "llm_timeout_s": 5}
    )
    llm = make_llm(s)
    a = answer(DIGID, index=index, settings=s, llm=llm)
    assert not a.refused and a.note == NOTE_LLM_UNAVAILABLE and a.verification["fallback"] == "llm_error"
    assert a.answer == answer(DIGID, index=index, settings=small_settings).answer


def test_follow_up_is_rewritten_only_when_it_is_one(index: Index, small_settings: Settings) -> None:
    n = digicafe_n(index, small_settings, "Is het Digicafé in Hoogeveen gratis?")
    history = [{"role": "user", "content": DIGID}, {"role": "assistant", "content": "Het Digicafé [1]."}]
    llm = fake("Is het Digicafé in Hoogeveen gratis?", f"Het Digicafé is gratis en er is geen afspraak nodig [{n}].")
    a = ask(index, small_settings, llm, "En is dat gratis?", history=history)
    assert a.verification["rewritten_question"] == "Is het Digicafé in Hoogeveen gratis?"
    assert "Digicafé" in a.searched_query and a.question == "En is dat gratis?" and llm.i == 0  # both used (it cycles)
    assert "gratis" in a.answer
    m = digicafe_n(index, small_settings)
    plain = fake(f"In de bibliotheek van Hoogeveen helpt het Digicafé inwoners met hun DigiD [{m}].")
    b = ask(index, small_settings, plain, DIGID, history=history)
    assert b.verification["rewritten_question"] is None and b.verification["mode"] == "generatief"


def deltas(items: Iterator[str | Answer]) -> tuple[list[str], Answer]:
    out = list(items)
    final = out.pop()
    assert isinstance(final, Answer) and all(isinstance(x, str) for x in out)
    return [str(x) for x in out], final


def test_streaming_yields_checked_sentences_then_the_answer(index: Index, small_settings: Settings) -> None:
    n = digicafe_n(index, small_settings)
    llm = fake(
        f"In de bibliotheek van Hoogeveen helpt het Digicafé inwoners met hun DigiD [{n}]. "
        f"Het kost 12 euro [{n}]. Het Digicafé is gratis en er is geen afspraak nodig [{n}]."
    )
    parts, final = deltas(answer_stream(DIGID, index=index, settings=small_settings, llm=llm))
    assert len(parts) == 2 and "".join(parts) == final.answer and "12" not in final.answer
    assert final.timings_ms["first_delta"] <= final.timings_ms["llm"]
    parts, plain = deltas(answer_stream(DIGID, index=index, settings=small_settings))
    assert "".join(parts) == plain.answer and plain.verification.get("mode") is None


def test_make_llm_is_keyed_by_prefix(tmp_path: Any) -> None:
    assert make_llm(Settings()) is None
    with pytest.raises(LLMConfigError, match=r"ollama:<model>, openai:<model>, llamacpp:<path\.gguf>"):
        make_llm(Settings(llm="gpt4all:x"))
    openai = make_llm(Settings(llm="openai:m", llm_base_url="http://127.0.0.1:9/v1", llm_timeout_s=7))
    assert type(openai).__name__ == "ChatOpenAI" and openai.request_timeout == 7  # type: ignore[union-attr]
    assert type(make_llm(Settings(llm="ollama:qwen2.5"))).__name__ == "ChatOllama"
    local = make_llm(Settings(llm=f"llamacpp:{tmp_path}/none.gguf"))
    assert type(local).__name__ == "LlamaCppChat"
    missing_extra = importlib.util.find_spec("llama_cpp") is None
    with pytest.raises(ImportError if missing_extra else FileNotFoundError):  # install hint, or no such file
        local.load()  # type: ignore[union-attr]
