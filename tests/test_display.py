"""How a tour string is shown anywhere (map or dashboard): cleaned, cut at a word, escaped, isolated."""

from __future__ import annotations

from tourmap.display import Clipped, clean, clip, short, text_html


def test_clean_drops_control_characters_but_tab_and_newline() -> None:
    assert clean("a\x00b\x1bc\x7fd\x85e\r\nf\tg") == "abcde\nf\tg"
    assert clean("lone \ud800 surrogate") == "lone \ufffd surrogate"  # cannot be encoded as UTF-8
    assert clean("Bogotá ‮ RLO stays") == "Bogotá ‮ RLO stays"  # bidi is isolated, not removed


def test_clip_cuts_at_a_word_and_counts_what_it_left_out() -> None:
    assert clip("short", 10) == Clipped("short", 0)
    assert clip("one two three four", 11) == Clipped("one two", 11)  # not "one two thr"
    assert clip("one two three four", 13) == Clipped("one two three", 5)
    assert clip("x" * 50, 10) == Clipped("x" * 10, 40)  # no space near the end: a hard cut
    assert clip("ab " + "x" * 50, 10) == Clipped("ab xxxxxxx", 43)
    assert clip("a\x00" * 6, 6) == Clipped("aaaaaa", 0)  # counted after cleaning
    assert short("one two three four", 11) == "one two…" and short("one two", 11) == "one two"


def test_text_html_escapes_and_isolates() -> None:
    assert text_html("<img src=x> & `y`") == "<bdi>&lt;img src=x&gt; &amp; `y`</bdi>"
    assert text_html('say "hi"\x00') == "<bdi>say &quot;hi&quot;</bdi>"
    assert text_html("w " * 400).endswith("w…</bdi>") and len(text_html("w " * 400)) < 320
