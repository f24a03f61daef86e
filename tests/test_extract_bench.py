"""The extraction bench's check of a change on both halves of the dev split."""
from bench.extraction import half, halves_table


def page(dataset: str, n: int, body: str) -> dict:
    return {"dataset": dataset, "id": f"page-{n}", "article_body": body, "split": "dev"}


def test_halves_are_fixed_and_both_used():
    pages = [page("scrapinghub", n, "the story") for n in range(40)]
    assert [half(p) for p in pages] == [half(p) for p in pages]
    assert {half(p) for p in pages} == {0, 1}


def test_halves_table_scores_each_half_apart():
    pages = [page("scrapinghub", n, "one two three four five") for n in range(20)]
    # right on half 0, wrong on half 1: the table must show the gain in one half only
    outputs = {"stemma": ["one two three four five" if half(p) == 0 else "nothing alike here at all" for p in pages]}
    row = next(line for line in halves_table(pages, outputs).splitlines() if line.startswith("| scrapinghub"))
    assert "1.0000 / 0.0000" in row
