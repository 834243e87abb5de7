import pytest

from grader.scheme.keywords import extract_keywords, find_keyword, tokens


def test_names_dates_and_terms_are_extracted_without_question_words():
    found = extract_keywords(
        "The effects of the Zinoviev letter (1924). The new Conservative government of "
        "Stanley Baldwin became far cooler towards the USSR.",
        exclude=["How successful was the USSR?"],
    )
    assert found == ("Zinoviev", "1924", "Stanley Baldwin")


def test_technical_terms_with_inner_capitals_count():
    assert extract_keywords("mRNA exits the nucleus and tRNA carries the anticodon") == (
        "mRNA",
        "tRNA",
    )


@pytest.mark.parametrize(
    ("keyword", "sentence", "found"),
    [
        ("Rapallo Pact", "the treaty of rapalo was signed", True),  # misspelt name
        ("Zinoviev", "the zinovief letter", True),  # misspelt name
        ("1921", "in 1921 britain signed", True),  # a date
        ("1921", "in 1927 britain broke off relations", False),  # another date
        ("Genoa Conference", "the conference failed", False),  # only the generic word
        ("Comintern", "communism was feared", False),  # similar but different
    ],
)
def test_fuzzy_keyword_search(keyword, sentence, found):
    hit = find_keyword(keyword, tokens(sentence), min_score=85)
    assert (hit is not None) is found


def test_a_decade_is_one_token_and_not_its_first_year():
    # "the 1920s" is a period, not the year 1920 (a point dated 1920 is not named by it)
    assert tokens("in the 1920s") == ["in", "the", "1920s"]
    assert find_keyword("1920", ["the", "1920s"], min_score=85.0) is None
    assert find_keyword("1920s", ["the", "1920s"], min_score=85.0) is not None
