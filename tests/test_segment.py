from grader.core.segment import paragraph_spans, segment


def test_paragraphs_and_sentences_keep_offsets():
    text = "Rapallo was signed in 1922. It ended isolation.\n\n  But Genoa failed.\n"
    doc = segment(text)
    assert [len(p.sentences) for p in doc.paragraphs] == [2, 1]
    for sentence in doc.sentences:
        assert text[sentence.start : sentence.end] == sentence.text
    assert doc.sentences[2].text == "But Genoa failed."
    assert doc.sentences[2].paragraph == 1


def test_one_block_essay_is_cut_into_units():
    text = " ".join(f"Sentence number {i} talks about Rapallo." for i in range(20))
    doc = segment(text, sentences_per_block=4)
    assert len(doc.paragraphs) == 5
    assert all(len(p.sentences) == 4 for p in doc.paragraphs)


def test_line_per_paragraph_paste_uses_lines():
    text = "First paragraph here.\nSecond paragraph here.\nThird one."
    assert len(paragraph_spans(text)) == 3


def test_list_items_are_separate_sentences():
    doc = segment("Failures:\n- Treaty of Versailles\n- Genoa Conference 1922\n\nEnd.")
    assert [s.text for s in doc.paragraphs[0].sentences] == [
        "Failures:",
        "- Treaty of Versailles",
        "- Genoa Conference 1922",
    ]


def test_non_ascii_text_is_kept_exactly():
    text = "Stresemann’s policy — détente — mattered. Ça va."
    doc = segment(text)
    assert "".join(s.text for s in doc.sentences).replace(" ", "") == text.replace(" ", "")
