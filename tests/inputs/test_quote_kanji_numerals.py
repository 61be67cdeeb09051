"""Numbers written in Chinese and Japanese numeral characters before a scale or a currency
("三千億円", "二兆円", "五百万", "两千亿元"), and the words those characters also write."""

from __future__ import annotations

import pytest

from model.inputs.sources.quotes import matches, number_problem, numbers_in
from model.inputs.units import parse_unit


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("営業利益は三千億円に達した", 300.0, "JPY bn"),
        ("投資額は二兆円", 2.0, "JPY tn"),
        ("売上高は一兆二千億円", 1.2, "JPY tn"),
        ("净利润达两千亿元", 200.0, "RMB bn"),
        ("淨利潤達兩千億元", 200.0, "RMB bn"),
        ("营收二千五百亿元", 250.0, "RMB bn"),
        ("营收二千零五万元", 20.05, "RMB m"),
        ("株価は五百円", 500.0, "JPY"),
        ("票价三千元", 3000.0, "RMB"),
        ("罚款十二万三千四百五十六元", 123_456.0, "RMB"),
    ],
)
def test_kanji_amounts(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("販売台数は五百万台", 5e6),
        ("十二億人が利用", 1.2e9),
        ("来場者は三万五千人", 35_000.0),
        ("九十九万件", 990_000.0),
        ("人口十万", 1e5),
    ],
)
def test_kanji_counts(quote: str, value: float) -> None:
    assert number_problem([value], parse_unit("count"), quote) is None


@pytest.mark.parametrize(
    "quote",
    [
        "一部の事業",  # "a part"
        "第三四半期",  # "the third quarter"
        "十分な資金",  # "enough money"
        "第三千万",  # an ordinal
        "千万不要",  # "by all means": no digit before the scale
        "単位：百万円",  # a unit, not an amount
        "関東一円で",  # "throughout", and "one yen" is too short to tell
        "一元化する",  # "unify"
        "二〇二四年",  # digits written one by one
        "三万五",  # spoken for 35,000 or 30,005
        "二千五百",  # neither a scale nor a currency
    ],
)
def test_kanji_words_are_not_numbers(quote: str) -> None:
    assert numbers_in(quote) == []


def test_a_kanji_amount_is_no_smaller_amount() -> None:
    # "三万五千人" is one number: 三万 alone does not stand.
    u = parse_unit("count")
    assert not any(matches(q, 30_000.0, u) for q in numbers_in("来場者は三万五千人"))
    assert not any(matches(q, 5_000.0, u) for q in numbers_in("来場者は三万五千人"))


@pytest.mark.parametrize(
    ("quote", "value", "wrong", "unit"),
    [
        ("投资额为三点五亿元", 350.0, 500.0, "RMB m"),
        ("零点五亿元", 50.0, 500.0, "RMB m"),
        ("二点三万亿元", 2.3, 3.0, "RMB tn"),
        ("十一点五亿元", 1.15, 0.5, "RMB bn"),
        ("二十三点四亿", 2.34e9, 4e8, "count"),
        ("三・五兆円", 3.5, 5.0, "JPY tn"),
        ("收入两點零五亿元", 205.0, 5.0, "RMB m"),
    ],
)
def test_kanji_decimals(quote: str, value: float, wrong: float, unit: str) -> None:
    # The digits after 点 (or ・) are decimals of the number, never a number of their own.
    u = parse_unit(unit)
    assert number_problem([value], u, quote) is None
    assert number_problem([wrong], u, quote) is not None


@pytest.mark.parametrize(
    "quote",
    ["二・三千億円", "三点五千", "二点三四五六七八九十亿", "二・三億円", "売上は四・五兆円"],
)
def test_kanji_decimals_that_do_not_read(quote: str) -> None:
    # "二・三千億" may be two or three thousand 億, and "二・三億円" two or three 億 (one digit
    # and the next after ・); none of its digits is read apart.
    assert numbers_in(quote) == []


@pytest.mark.parametrize(
    ("quote", "wrong", "unit"),
    [
        ("数十億円規模", 1.0, "JPY bn"),
        ("何十億円", 1.0, "JPY bn"),
        ("几十亿元", 1.0, "RMB bn"),
        ("好几十亿元", 1.0, "RMB bn"),
        ("数十亿美元", 1.0, "USD bn"),
        ("数十万人", 1e5, "count"),
        ("数十兆円", 10.0, "JPY tn"),
        ("一万数千人", 1e4, "count"),
        ("1万数千人", 1e4, "count"),
        ("一、二兆円の投資", 2.0, "JPY tn"),
        ("二、三千億円", 300.0, "JPY bn"),
        ("十一、二万人", 2e4, "count"),
    ],
)
def test_vague_kanji_amounts_are_no_number(quote: str, wrong: float, unit: str) -> None:
    # 数, 几, 幾 and 何 make the amount vague ("some tens of billions"): no exact number.
    assert number_problem([wrong], parse_unit(unit), quote) is not None


def test_a_count_noun_before_a_numeral_is_no_vague_word() -> None:
    # 人数 is "the number of people": 三万人 is still read.
    assert number_problem([30_000.0], parse_unit("count"), "来場者の人数三万人") is None


@pytest.mark.parametrize(
    ("quote", "value", "wrong", "unit"),
    [
        ("売上高は一兆2000億円", 1.2, 1.0, "JPY tn"),
        ("一兆2,000億円", 1.2, 1.0, "JPY tn"),
        ("二兆5000億円", 2.5, 2.0, "JPY tn"),
        ("1兆二千億円", 1.2, 1.0, "JPY tn"),
        ("一万五千亿元", 1.5, 0.5, "RMB tn"),
        ("一万五千億円", 1.5, 0.5, "JPY tn"),
        ("两万五千亿元", 2.5, 0.5, "RMB tn"),
        ("一万二千亿", 1.2e12, 2e11, "count"),
        ("1万5000亿元", 1.5, 0.5, "RMB tn"),
        ("来場者は三万5000人", 35_000.0, 5_000.0, "count"),
    ],
)
def test_mixed_and_compound_amounts_are_one_number(
    quote: str, value: float, wrong: float, unit: str
) -> None:
    # Numeral characters and Arabic digits make one amount, and 亿 multiplies the 万 groups
    # before it: no group is a number of its own.
    u = parse_unit(unit)
    assert number_problem([value], u, quote) is None
    assert number_problem([wrong], u, quote) is not None


def test_a_run_of_characters_is_read_whole_or_not_at_all() -> None:
    # "三万 五千人" is one amount or two: neither 三万 nor 五千 is read alone.
    assert numbers_in("来場者は三万 五千人") == []


@pytest.mark.parametrize(
    "quote",
    [
        "十万火急の案件",  # "most urgent"
        "两者相差十万八千里",  # "worlds apart"
        "八百万の神々",  # "the myriad gods"
        "四万十川の流域",  # a river
        "四万十市の人口",  # a city
        "一万田社長は",  # a surname
        "采购二十元件",  # "twenty components"
        "三十元素",  # "thirty elements"
        "一億総活躍社会",  # a slogan: "the whole nation active"
        "一億玉砕",  # a wartime slogan
        "退一万步说",  # "even at the worst"
    ],
)
def test_idioms_and_names_are_no_amounts(quote: str) -> None:
    assert numbers_in(quote) == []


def test_yuan_starting_a_word_is_no_currency() -> None:
    # 三十万元件 is 300,000 components, a count, and no sum of yuan.
    (found,) = numbers_in("三十万元件")
    assert (found.value, found.currency) == (300_000.0, None)
    assert number_problem([300_000.0], parse_unit("count"), "三十万元件") is None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("国の債務は百十四兆円", 114.0, "JPY tn"),
        ("投資額は千億円", 100.0, "JPY bn"),
        ("千二百億円の赤字", 120.0, "JPY bn"),
        ("売上高は一兆千億円", 1.1, "JPY tn"),
        ("百五十万元", 1.5, "RMB m"),
    ],
)
def test_numerals_starting_with_hundred_or_thousand(quote: str, value: float, unit: str) -> None:
    assert number_problem([value], parse_unit(unit), quote) is None


def test_a_count_starting_with_hundred() -> None:
    assert number_problem([1.2e6], parse_unit("count"), "利用者は百二十万人") is None


@pytest.mark.parametrize(
    "quote",
    ["百亿补贴", "単位：千円", "千兆円", "数百億円", "何千億円", "投资上千亿元", "上百亿元"],
)
def test_hundred_or_thousand_alone_before_a_scale_is_no_number(quote: str) -> None:
    # A name ("百亿补贴"), a column's unit, 千兆 (also a prefix), or vague amounts ("上千亿",
    # on the order of a thousand 亿).
    assert numbers_in(quote) == []


@pytest.mark.parametrize(
    ("quote", "value", "wrong", "unit"),
    [
        ("营收3点5亿元", 350.0, 500.0, "RMB m"),
        # "2・3億円" is two or three 億 as horizontal text writes it: neither reading is taken.
        ("投資額は3・5億円", None, 350.0, "JPY m"),
        ("損失は2・3億円", None, 23.0, "JPY m"),
        ("損失は2・3億円", None, 300.0, "JPY m"),
        ("营收三点5亿元", None, 500.0, "RMB m"),
        ("营收3点五亿元", None, 500.0, "RMB m"),
    ],
)
def test_arabic_digits_across_a_point_in_characters(
    quote: str, value: float | None, wrong: float, unit: str
) -> None:
    # "3点5亿" is 3.5亿; a point between characters and Arabic digits is read on neither side.
    u = parse_unit(unit)
    assert value is None or number_problem([value], u, quote) is None
    assert number_problem([wrong], u, quote) is not None


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("五十万元年薪", 0.5, "RMB m"),
        ("他借了三千元来买手机", 3000.0, "RMB"),
        ("2万元年薪", 2e4, "RMB"),
    ],
)
def test_yuan_before_a_year_or_a_verb_is_the_yuan(quote: str, value: float, unit: str) -> None:
    # 元年薪 is yuan and a year's pay, 元来买 yuan "to buy": the yuan, so no US dollar.
    assert number_problem([value], parse_unit(unit), quote) is None
    assert number_problem([value], parse_unit(unit.replace("RMB", "USD")), quote) is not None


@pytest.mark.parametrize(
    "quote", ["营收两万多亿元", "营收2万多亿元", "营收300余亿元", "营收300多亿元", "营收2万余亿元"]
)
def test_more_than_before_a_larger_scale_is_no_amount(quote: str) -> None:
    # "两万多亿元" is over 20,000 亿 yuan: 两万 (20,000) is of the wrong scale, and not read;
    # Arabic digits stay in the quote's numbers as ambiguous, so no other reading takes them.
    assert all(q.ambiguous for q in numbers_in(quote))


@pytest.mark.parametrize(
    ("quote", "value", "unit"),
    [
        ("売上高は3・5兆円", 5.0, "JPY bn"),
        ("売上高は3・5兆円", 5.0, "USD tn"),
        ("売上高は3・5兆円", 3.0, "JPY"),
        ("売上高は2・3億円", 3.0, "JPY bn"),
        ("1・2兆円、3・4千億円", 4.0, "JPY tn"),
        ("1万数千人が参加", 1.0, "count"),
    ],
)
def test_digits_refused_in_a_run_are_read_by_no_other_convention(
    quote: str, value: float, unit: str
) -> None:
    # Neither side of "3・5" is a number; read bare, the 5 supported 5 of any scale.
    assert number_problem([value], parse_unit(unit), quote) is not None


@pytest.mark.parametrize(
    ("quote", "value"),
    [
        ("1・2号機", 2.0),
        ("１・２号機", 2.0),
        ("第3・4四半期", 4.0),
        ("3・11", 11.0),
        ("2024・3・31", 31.0),
        ("1・2・3号機", 3.0),
        ("下午3点30分", 30.0),
    ],
)
def test_digits_across_a_point_with_no_scale_or_currency_are_numbers_of_their_own(
    quote: str, value: float
) -> None:
    # Unit numbers, quarters, dates and clock times: only an amount with a scale or a
    # currency after the point is in doubt.
    assert number_problem([value], None, quote) is None
