"""Modality read from the clause around an event word: only asserted events count as happened."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Token

from ceasefire.data_files import load_model, shipped
from ceasefire.errors import ConfigError
from ceasefire.extract.modality import ModalityWords, modality_of
from ceasefire.records import Modality


def trigger(parser: Language, marked: str) -> Token:
    """Parse a sentence with its event word in [brackets]; the bracketed token."""
    start = marked.index("[")
    sentence = marked.replace("[", "", 1).replace("]", "", 1)
    found = [token for token in parser(sentence) if token.idx == start]
    assert found, f"no token starts at the bracket in {marked!r}"
    return found[0]


CASES: dict[Modality, list[str]] = {
    "asserted": [
        "Israeli jets [struck] a residential building in Rafah on Tuesday, the agency said.",
        "Hamas fighters [fired] rockets at Sderot overnight, the Israeli military said.",
        "Hezbollah has been [trading] fire with Israeli troops along the border for months.",
        "Israel has been [striking] Hezbollah positions in southern Lebanon for weeks.",
        "The health ministry accused Israel of [violating] the truce 40 times since Friday.",
        "Israel accused Hamas of [breaching] the ceasefire by firing at troops in Rafah.",
        "Israeli jets launched a wave of airstrikes on Khan Younis, [killing] at least 12 people.",
        "Aid trucks are [entering] northern Gaza through the Zikim crossing.",
        "The army said it had [withdrawn] two brigades from Khan Younis.",
        # A modal on a verb of perception does not make what was perceived a possibility.
        "Residents said they could hear heavy [shelling] east of Gaza City.",
        # The negation before "but" does not reach the second verb.
        "Israeli troops did not shell Khan Younis but [raided] a school in Rafah.",
        # What an event fails to achieve, or what it stops, takes the event itself as given.
        "[Talks] in Cairo have failed to produce a breakthrough.",
        "Hamas said Israeli [strikes] would not stop it from negotiating.",
        "Moscow will keep talking despite what it called daily Ukrainian [strikes].",
        "Israel struck Gaza after Hamas [fired] rockets.",
        # "With X doing Y" states a circumstance as fact, whatever the main clause's mood.
        "With daily flights carrying military [supplies] to Israel, the army could fight on.",
        "With Russian drones [striking] Kharkiv nightly, talks may stall.",
    ],
    "negated": [
        "Israel did not [strike] Rafah on Monday, a military spokesman said.",
        "Hamas did not [fire] rockets at Sderot during the truce, the group said.",
        "Israeli troops did not [shell] Khan Younis but raided a school in Rafah.",
        "No [airstrikes] were reported in southern Lebanon overnight.",
        "Neither side [fired] during the first hours of the truce.",
        "Hamas refused to [release] the remaining hostages.",
        "Israel refused to let aid [convoys] enter the north of the Strip.",
        "The Lebanese army failed to [deploy] troops south of the Litani river.",
        "Israel denied [striking] the hospital.",
        "Hamas denied that its fighters had [fired] at Israeli troops.",
        # A choice: "barred from" is a negation, as in the dev gold.
        "UN agencies were barred from [delivering] food to Jabalia.",
        # A negation outranks the tense.
        "Israel will not [withdraw] from the Philadelphi corridor, the prime minister said.",
        "Hezbollah has not [fired] at Israeli positions since the truce took effect.",
        "It is not Israel that has [broken] the truce, the group said.",
        "The aid never [reached] the hospitals in the north.",
        "Israel said Hamas would never [release] the hostages.",
    ],
    "future": [
        "Hamas will [release] 33 hostages during the first phase.",
        "Israel will [free] 1,000 Palestinian prisoners in exchange.",
        "Under the deal, Hezbollah will [withdraw] its fighters north of the Litani.",
        "The [ceasefire] is set to take effect at 7 a.m. on Sunday.",
        "Israeli troops are expected to [pull] back from Gaza City within 24 hours.",
        "Hamas is due to [hand] over the bodies of two hostages on Thursday.",
        "The first [exchange] is scheduled to take place on Sunday.",
        "The army is about to launch a ground [incursion] into Lebanon.",
        # "would" in reported speech, or with a date, is the future of the past.
        "The IDF said it would [resume] strikes on Hezbollah targets.",
        "Hamas said it would [hand] over four bodies on Thursday.",
        "The agreement provides for the [release] of 50 hostages.",
        "The planned [withdrawal] of Israeli troops will begin on Sunday.",
        "When the truce expires, we [resume] operations in Rafah.",
        "Israel will strike after Hamas [fires] rockets.",
    ],
    "conditional": [
        "If Hamas [fires] another rocket, Israel will strike Gaza City.",
        "If Hamas fires another rocket, Israel will [strike] Gaza City.",
        "If Israel [strikes] Beirut, Hezbollah will fire at Haifa.",
        "If Israel strikes Beirut, Hezbollah will [fire] at Haifa.",
        # The condition outranks the negation of "doesn't stop".
        "If Hezbollah doesn't stop [firing] at the north, Israel will have to go in.",
        "Israel will not [withdraw] until all the hostages are freed.",
        "Hamas won't [free] the remaining captives without a full Israeli withdrawal.",
        "Should the truce collapse, the army will [resume] its strikes.",
        "Hezbollah warned it would retaliate unless Israel halted its [raids].",
        "The more Israel bombs Gaza, the more rockets Hamas will [fire].",
        "Israel threatened to [resume] the war if the truce collapsed.",
    ],
    "hypothetical": [
        "Hamas called for an immediate [ceasefire].",
        "The UN urged Israel to allow aid [convoys] into northern Gaza.",
        "Israel threatened to [strike] Beirut.",
        "Hezbollah threatened to [fire] missiles at Haifa.",
        "Hezbollah could [fire] long-range missiles at Tel Aviv, analysts warned.",
        "Israel could [strike] Iranian nuclear sites, analysts warned.",
        "Russia may launch new [attacks] on Ukrainian energy facilities.",
        "Egypt proposed a two-week [truce].",
        "Trade unions should call general [strikes].",
        "Israel plans to [send] more troops into Rafah.",
        "Hamas said it was ready to [release] all hostages in one stage.",
        "Hamas seeks to extend the [truce] by two days.",
        "Palestinian groups demanded a full Israeli [withdrawal] from Gaza.",
        "Hamas accused Israel of planning to [strike] Rafah.",
        "The proposed [ceasefire] would see Israeli troops withdraw from towns.",
        # A capacity is not an act.
        "Hamas still has enough munitions to continue [striking] Israel for months.",
        "The militia has the capability to [fire] drones at Port Sudan.",
    ],
}


@pytest.mark.parametrize(
    ("modality", "marked"),
    [(modality, marked) for modality, sentences in CASES.items() for marked in sentences],
)
def test_modality_of_reads_the_clause(parser: Language, modality: Modality, marked: str) -> None:
    assert modality_of(trigger(parser, marked)) == modality


@pytest.mark.parametrize("modality", list(CASES))
def test_each_modality_is_tested_in_both_sides_wording(modality: Modality) -> None:
    sentences = CASES[modality]
    assert len(sentences) >= 4
    assert any("Israel" in sentence for sentence in sentences)
    assert any("Hamas" in sentence or "Hezbollah" in sentence for sentence in sentences)


def test_the_same_word_twice_is_read_in_each_clause(parser: Language) -> None:
    sentence = "Israel struck Rafah on Monday and said it would not strike Rafah again."
    first = sentence.replace("struck", "[struck]")
    second = sentence.replace("not strike", "not [strike]")
    assert modality_of(trigger(parser, first)) == "asserted"
    assert modality_of(trigger(parser, second)) == "negated"


def test_shipped_words_load() -> None:
    words = load_model(shipped("modality.yaml"), ModalityWords)
    assert "will" in words.future_auxiliaries
    assert "call for" in words.governors["hypothetical"].preposition


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('"call for", "call on"', '"call", "call on"', "governors.hypothetical.preposition"),
        ("raising_words: [set,", "raising_words: [launch, set,", "not a clause governor: launch"),
    ],
)
def test_a_bad_word_list_names_file_line_and_problem(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    text = shipped("modality.yaml").read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "modality.yaml"
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(ConfigError, match=problem) as error:
        load_model(path, ModalityWords)
    assert str(error.value).startswith(f"{path}:")
    assert str(error.value).split(":")[1].isdigit()
