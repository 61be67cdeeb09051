"""The sign and the subject of a number in a quote.

A number copied from an article is only right with its sign and its subject: "revenue fell 5%"
is not a growth of +5%, and in "AWS holds 30% ... Alibaba 35.8%" the 30% is not Alibaba's.

**Sign.** A number in a quote is negative when

* a minus sign stands right before it (``-5%``; typographic minus signs are normalised), but
  not a dash spaced on both sides, which sets off a clause (``$2 - 15% above consensus``);
* it is a money amount or a scaled amount in accounting parentheses (``($2.3 billion)``,
  ``(2.3 bn)``), its currency or scale written outside them too (``$(2.3) billion``,
  ``(2,300) million yuan``). Parentheses around a percentage or a plain number are prose,
  not a sign;
* a word of decline stands right before it, alone or with ``by``/``of`` and a few hedges
  (``fell 5%``, ``down by nearly 5%``, ``a loss of $2bn``, ``declined about 3%``), or right
  after it (``a 5% drop``, ``$2bn loss``, ``5% lower``). A level reached is not a change:
  ``fell to 25%`` and ``down from 30%`` leave 25% and 30% positive;
* a loss is the subject of the level an amount states (``its operating loss narrowed to ¥6
  billion``, ``the net loss was $1.2 billion``, ``is expected to narrow to $80 million``,
  ``der Verlust betrug``, ``亏损收窄至``), which is a negative profit; a change of the loss
  (``narrowed by ¥2 billion``) is no level;
* French, Nordic, Dutch, Italian, Polish and Spanish words of decline count as the English
  ones (``une baisse de 5 %``, ``minskade med 5 %``, ``daling van 5%``, ``calo del 5%``,
  ``spadek o 5%``, ``cayeron un 5 %``, ``un 5 % menos``, ``un 5 % inferior``; ``sjönk till 5
  %`` and ``cayó a 5 %`` are levels);
* in Chinese, Japanese and Korean, a word of decline stands right before it or after a
  particle (``同比下降12%``, ``純損失は120億円``, ``영업손실은 120억 원``) or right after it
  (``前年比12%減``, ``12% 감소``), or Japanese accounts write ▲ or △ before it for a minus
  (only in a Japanese quote, unless a word of rise follows: Korean, Chinese and English
  quotes write ▲ for a rise, ``▲1.2% 상승``, ``收盘▲1.2%``, ``S&P 500 ▲1.2%``), and Korean
  accounts △ (``영업이익 △1,200억원``; ``△1.2% 상승`` is a rise, and a list's △ before words
  are bullets, ``△반도체 3조원 △배터리 2조원``, as are those before amounts that run on into
  words, ``△10조원 규모 설비투자 △5,000억원 자사주 매입``). ▼ is a fall in any quote, as
  market tables of every language write it (``Nikkei ▼1.2%``, ``코스피 ▼12.34``), and ▽ a
  minus where △ is (Japanese and Korean quotes); ▼ and ▽ before words are bullets too
  (``▼삼성전자``, ``▼関連記事``). A triangle may stand a space before its number (``△ 1,200억원``).
  A word of decline right after a number belongs to that number alone: in ``20%減の1,200億円``
  the 20% is the fall and 1,200億円 the level it reached;
* it is an end of a range (see :func:`~model.inputs.sources.readings.join_ranges`) with a word
  of decline before or after it, joined by a dash or "between ... and": ``fell 3-5%``,
  ``fell 3%-5%``, ``sank between $2 and $3 billion``, ``a $2-3 billion loss`` sign both ends.
  Ends joined by a word (``fell by 3 to 5%``, ``en baisse de 3 à 5 %``) do not: the high end
  may be the level reached, and keeps its sign. The dash
  joining a range is no minus sign (``rose 3%-5%``, ``$2bn-$3bn``). A minus sign stays its own
  number's (``-3 to 5%`` runs from a fall to a rise), and a level reached after a change is
  no range end (``fell 3% to 5 billion``).

A negative quoted number supports a negative value, or a positive one when the item itself is
named as a decline (its key or label holds a word such as *decline*, *loss*, *drop*, *cut*:
``revenue_decline: 0.05`` states the size of a fall). A positive quoted number never supports
a negative value.

**Subject.** The subject of a number is the proper noun (a capitalised word or run of words,
such as *Alibaba Cloud* or *AWS*) written at most four words before it, after the previous
number; a number without one shares the subject of the number before it ("grew 5% in Q1 and
7% in Q2"). When the candidates of a quote (its numbers of the item's kind: percentages for a
fraction, amounts for money) have different subjects, the number that matches must be the one
about the item: its subject is named in the item's key or label and no other candidate's is.
German capitalises every noun: in German text the noun right after a bare number is what it
counts ("12.500 Mitarbeiter in 31 Ländern"), and no subject of the next number.
Otherwise the quote is ambiguous and the source must say which number it means with
``number: "<the number as written in the quote>"``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from model.inputs.sources.centres import cash_named, decline_named, subject_words
from model.inputs.sources.dates import MONTH_NAMES, dotted_day, german_text, undated
from model.inputs.sources.quotes import QuoteNumber, normalize
from model.inputs.units import Unit

__all__ = [
    "NumberSense",
    "absent_subjects",
    "cash_named",
    "decline_named",
    "senses",
    "subject_words",
]

_DECLINE_VERBS = (
    r"fell|falls?|falling|fallen|declined?|declines|declining|decreased?|decreases|decreasing|"
    r"dropped|drops?|dropping|down|lost|loses|lose|losing|losses|loss|shrank|shrunk|shrinks?|"
    r"shrinking|contracted|contracts?|slumped|slumps?|plunged|plunges?|plummeted|tumbled|sank|"
    r"slid|negative|minus|deficit|reduction|reduced|cut|decline|decrease|drop|fall|slump|"
    r"outflows?|write-?downs?|impairments?|shortfall|"
    # German and Portuguese, whose numbers the quotes read too ("ein Verlust von 250 Mio.",
    # "prejuízo de R$ 3,2 bilhões"); "sank auf", "caiu para" are levels, like "fell to".
    r"verlust|verluste|verlusten|rückgang|sanken|sank|sinkt|gesunken|fielen|fiel|fällt|gefallen|"
    r"einbruch|schrumpften|schrumpfte?|verringerten|verringerte|reduzierten|reduzierte|"
    r"verringerung|abschreibungen|abschreibung|"
    r"prejuízos?|queda|caiu|caíram|cai|recuou|recuo|perdas?|redução|encolheu|retração|"
    # French, Swedish, Norwegian, Danish, Dutch, Italian and Polish ("une baisse de 5 %",
    # "minskade med 5 %", "daling van 5%", "calo del 5%", "spadek o 5%"); "till", "til",
    # "naar", "à", "al", "do" make a level.
    r"baisse|baissé|recul|reculé|pertes?|chute|chuté|diminution|diminué|repli|déficit|"
    r"minskade|minskat|minskning|förlust(?:er)?|sjönk|föll|nedgång|underskott|"
    r"falt|nedgang|reduksjon|redusert|underskudd|faldt|faldet|fald|underskud|reduceret|"
    r"daling|daalde|gedaald|verlies|verliezen|afname|kromp|krimp|"
    r"calo|perdite|perdita|diminuzione|flessione|contrazione|ribasso|"
    r"spadek|spadku|spadły|spadła|spadł|strata|straty|stratę|zmniejszenie|obniżka"
)
_FILLER = (
    r"(?:by|of|a|an|some|about|around|nearly|almost|over|roughly|approximately|just|another|"
    r"von|um|sich|etwa|rund|fast|de|cerca|quase|environ|près|presque|med|på|cirka|omkring|drygt|"
    r"knappt|van|met|ongeveer|bijna|ruim|del|dello|della|di|circa|quasi|o|około|prawie|ponad)"
)
#: Spanish words of decline ("las ventas cayeron un 3,4 %", "una caída del 5 %", "pérdidas de
#: 200 millones"), with hedges of their own: "a" and "hasta" after them make a level ("cayó a
#: 5 %", fell to 5 %), as "to" does in English.
_ES_DECLINE = (
    r"caída|caídas|bajada|descenso|disminución|pérdida|pérdidas|retroceso|reducción|"
    r"contracción|desplome"
)
#: The verbs among them: "de"/"del" after a verb is "from" ("bajó del 15 % al 12 %", fell
#: from 15 % to 12 %; "bajó del 12 %", fell below it), a level, where after a noun it is "of".
_ES_DECLINE_VERBS = (
    r"cayó|cayeron|bajó|bajaron|descendió|descendieron|disminuyó|disminuyeron|retrocedió|"
    r"retrocedieron|redujo|redujeron|se desplomó|se contrajo"
)
_ES_FILLER = r"(?:un|una|el|del|de|en|casi|cerca|alrededor|aproximadamente|más|menos)"
_ES_VERB_FILLER = r"(?:un|una|el|en|casi|cerca|alrededor|aproximadamente|más|menos)"
_BEFORE = re.compile(
    rf"\b(?P<word>{_DECLINE_VERBS})(?:\s+{_FILLER}){{0,3}}\s*$"
    rf"|\b(?P<es>{_ES_DECLINE})(?:\s+{_ES_FILLER}){{0,3}}\s*$"
    rf"|\b(?P<esverb>{_ES_DECLINE_VERBS})(?:\s+{_ES_VERB_FILLER}){{0,3}}\s*$"
    # German puts the subject after a fronted phrase's verb: "Im Quartal fiel der Gewinn um 3 %".
    r"|\b(?P<verb>sank|sanken|fiel|fielen|schrumpfte|verringerte)\s+(?:der|die|das)\s+"
    r"[^\W\d_]+\s+um\s*$"
)
#: A loss named as the subject of a level ("its operating loss narrowed to ¥6 billion", "the
#: net loss was $1.2 billion", "losses widened to $80 million from $50 million"): the amount
#: is the loss, a negative profit, as "a loss of $2bn" is. A change of the loss is no level
#: ("the loss narrowed by ¥2 billion", "narrowed 20%"), but the level after it is ("narrowed
#: by ¥2 billion to ¥6 billion"). Losses that are charges or counts keep their sign ("credit
#: losses were", "job losses were"), and so does a loss qualified by another noun ("the loss
#: ratio was"). German, French, Spanish and Chinese say it alike ("der Verlust betrug", "la
#: perte nette s'est réduite à", "la pérdida fue de", "亏损收窄至"); Japanese and Korean mark
#: the loss with a particle, read above ("営業赤字は60億円").
_HEDGE = (
    r"(?:\s+(?:about|around|roughly|nearly|almost|approximately|some|just|over|under|etwa|rund|"
    r"fast|knapp|environ|près de|presque|unos|unas|cerca de|casi|alrededor de))?"
)
#: A change or level stated before the level: "narrowed by ¥2 billion to", "um 20 Mio. Euro
#: auf", with the period it is of between them ("widened to $80 million in 2024, from").
_CHANGED = (
    r"(?:\s+(?:by|from|to|um|von|auf|de|à|a|en)?\s*\S{0,4}\d[\d.,]*\s?(?:%|[^\W\d_]{1,10}\.?)?"
    r"(?:\s(?:d'euros|de euros|euro|euros|dollars|yen))?"
    r"(?:\s+(?:in|for|during)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?[\w-]+|\s+(?:last|this)\s+year)?,?)?"
)
#: A loss forecast to reach a level: "is expected to narrow to", "should widen to", "will be",
#: "expects its loss to narrow to", "is seen narrowing to".
_WILL = (
    r"(?:will|would|should|could|may|might|to|(?:is|are|was|were)\s+(?:now\s+)?(?:expected|"
    r"forecast|forecasted|projected|seen|likely|set|estimated|anticipated|poised|guided)\s+to)"
    r"(?:\s+(?:further|still|now|[a-z]+ly))?\s+(?:(?:narrow|widen|shrink|grow|rise|increase|"
    r"decrease|decline|fall|drop|swell|balloon|deepen|ease|improve|expand|jump|climb|soar|halve|"
    r"double|be cut|be reduced|be trimmed|be narrowed|come down|amount)"
    + _CHANGED
    + r"\s+(?:to|from)"
    r"|be|total|reach|hit|stand at|come in at|come to|remain at)"
    r"|(?:is|are|was|were)\s+(?:expected|forecast|estimated|projected|seen|put|pegged)\s+at"
    r"|(?:is|are|was|were)\s+seen\s+(?:narrowing|widening|shrinking|growing|rising|falling|"
    r"deepening|easing)" + _CHANGED + r"\s+(?:to|from)"
)
_LOSS_LEVEL = re.compile(
    r"(?:(?<!credit )(?<!loan )(?<!impairment )(?<!catastrophe )(?<!claims )(?<!insured )"
    r"(?<!job )(?<!jobs )(?<!subscriber )(?<!customer )(?<!user )(?<!weight )(?<!share )"
    r"\b(?:loss|losses|deficit)(?:\s+per\s+(?:diluted\s+|basic\s+)?share"
    r"|\s+before\s+(?:income\s+)?tax(?:es)?)?(?:\s+(?:for|in|during)\s+(?:the\s+)?[\w-]+"
    r"(?:\s+[\w-]+)?|\s+attributable\s+to\s+[\w-]+(?:\s+[\w-]+)?)?\s+(?:[a-z]+ly\s+)?"
    r"(?:(?:narrowed|narrows|widened|widens|shrank|shrunk|shrinks|grew|grows|rose|rises|"
    r"increased|increases|decreased|decreases|declined|declines|fell|falls|dropped|swelled|"
    r"ballooned|deepened|deepens|eased|eases|improved|improves|expanded|jumped|climbed|soared|"
    r"halved|doubled|trimmed|was cut|was reduced|was trimmed|was narrowed|came down|"
    r"amounted|amounts)(?:\s+[a-z]+ly)?" + _CHANGED + r"\s+(?:to|from)"
    r"|was|were|is|are|totall?ed|totals|reached|hit|stood at|stands at|came in at|came to|"
    + _WILL
    + r")"
    # German: "der operative Verlust verringerte sich auf", "der Verlust betrug", "lag bei".
    r"|verlust(?:e|es)?(?:\s+vor\s+steuern)?\s+(?:(?:verringerte|verringerten|reduzierte|"
    r"reduzierten|verminderte|verminderten|erhöhte|erhöhten|weitete|weiteten|vergrößerte|"
    r"verkleinerte|summierte|belief|beliefen)\s+sich|stieg|stiegen|wuchs|sank|sanken|fiel|"
    r"ging)" + _CHANGED + r"\s+auf"
    r"|verlust(?:e|es)?(?:\s+vor\s+steuern)?\s+(?:betrug|betrugen|beträgt|lag\s+bei|lagen\s+bei|"
    r"liegt\s+bei)"
    # French: "la perte nette s'est réduite à", "s'élève à", "a atteint", "est de".
    r"|\bpertes?(?:\s+(?:nette|nettes|opérationnelle|opérationnelles|d'exploitation|"
    r"courante|annuelle|semestrielle|trimestrielle))?\s+(?:(?:s'est|se sont|a été|ont été)\s+"
    r"(?:réduite|réduites|creusée|creusées|élevée|élevées|établie|établies|alourdie|"
    r"alourdies|aggravée|aggravées|ramenée|ramenées|allégée|allégées|contractée|élargie|"
    r"accrue|inscrite|limitée)" + _CHANGED + r"\s+à"
    r"|s'élève\s+à|s'élèvent\s+à|s'établit\s+à|s'établissent\s+à|ressort\s+à|s'inscrit\s+à|"
    r"a\s+atteint|atteint|est\s+de|était\s+de|sont\s+de|est\s+ressortie\s+à)"
    # Spanish: "la pérdida neta se redujo a", "fue de", "ascendió a", "se situó en".
    r"|\bpérdidas?(?:\s+(?:neta|netas|operativa|operativas|operacional|de explotación|"
    r"atribuible))?\s+(?:(?:se\s+)?(?:redujo|redujeron|amplió|ampliaron|elevó|elevaron|situó|"
    r"situaron|moderó|moderaron|estrechó|disparó|dispararon|aumentó|aumentaron|incrementó|"
    r"contrajo|recortó)" + _CHANGED + r"\s+(?:a|hasta|en)"
    r"|fue\s+de|fueron\s+de|ascendió\s+a|ascendieron\s+a|alcanzó|alcanzaron|totalizó|sumó)"
    r")" + _HEDGE + r"\s*$"
)
#: Chinese: "亏损收窄至60亿元", "亏损扩大至", "亏损额为", "净亏损由8亿元收窄至6亿元".
_CJK_LOSS_LEVEL = re.compile(
    r"(?:亏损|虧損)(?:额|額|幅度)?(?:同比|按年)?(?:(?:由|从|從)[\d.,]+[万萬亿億]?[元]?)?"
    r"(?:收窄|扩大|擴大|缩小|縮小|减少|減少|增加|扩阔|擴闊)?(?:了)?"
    r"(?:[\d.,]+[%％]?[万萬亿億]?[元]?)?(?:至|到|为|為|达到|達到|达|達)(?:约|近|逾)?\s*$"
    r"|(?:亏损|虧損)(?:额|額)?(?:同比|按年)?(?:由|从|從)\s*$"
)
#: An amount named a loss after it: "営業損益は60億円の赤字", "6亿元的亏损", "120억 원 적자";
#: not a change of the loss ("60億円の赤字縮小", "赤字幅").
_CJK_LOSS_AFTER = re.compile(
    r"^\s?(?:の|的)?(?P<word>赤字|亏损|虧損|적자)(?![縮幅削解減改收缩축감폭])"
)
#: "between" before a range's low end: "sank between $2 and $3 billion".
_BETWEEN = re.compile(r"\s+between\s*$")
#: Marks of one number, never shared with a range's other end: only words of decline are.
_OWN_MARKS = frozenset(("-", "( )", "▲", "△", "▼", "▽"))
#: Words after a range that compare it with something else rather than sign it ("5-6 billion
#: lower than expected" is a level): they sign only the number they follow.
_COMPARATIVES = frozenset(
    "lower less menos inferior inferiores menor menores".split()
    + [f"más {w}" for w in ("bajo", "baja", "bajos", "bajas")]
)
_AFTER = re.compile(
    r"^\s*(?:year[- ]on[- ]year\s+|yoy\s+|annual\s+)?(?P<word>decline|decrease|drop|fall|loss|"
    r"reduction|contraction|lower|less|cut|slump|plunge|shortfall|write-?down|"
    r"zurück|"  # German: "ging um 3,4 % zurück"
    # Spanish (and Portuguese) comparatives: "un 5 % menos", "un 5 % inferior", "12% menor",
    # "un 5% más bajas".
    r"menos|inferior(?:es)?|menor(?:es)?|más\s+baj[oa]s?)(?!\w)"
)
# Chinese and Japanese write no spaces: a word of decline stands right before the number,
# or after a particle or hedge ("同比下降12%", "亏损约3.5亿元", "損失は120億円"), or right after
# it ("前年比12%減"); "下降至12%" (fell to) is a level. ▲ and △ are Japanese accounts' minus.
# Korean spaces its words ("영업손실은 120억 원", "12% 감소"); "12%로 하락" (fell to) is a level.
_CJK_DECLINE = (
    r"下降|减少|下滑|亏损|损失|下跌|降低|降幅|减|降|減少|減収|減益|減|損失|赤字|下落|低下|マイナス|"
    r"감소|하락|손실|적자"
)
_CJK_BEFORE = re.compile(
    rf"(?<![増增])(?P<word>{_CJK_DECLINE})"
    r"(?:了|约|近|逾|超过|約|は|が|の|で|を|은|는|이|가|을|를|의)?\s*$"
)
_CJK_AFTER = re.compile(
    r"^\s?(?:の)?(?P<word>減少|減収|減益|減|减少|下降|マイナス|감소|하락|줄어|줄었)"
)
#: What ends a number written right before a word of decline, which then is that number's
#: ("20%減の1,200億円": the fall is of 20%, and the amount after it is a level).
_OWNED = re.compile(r"[\d%％万萬亿億兆円元원억조]\s?(?:の)?$")
#: ▲ and △ are a minus in Japanese accounts, kana or not ("営業利益▲120億円"), and a rise
#: elsewhere: Korean, Chinese and English quotes write ▲ for a rise ("▲1.2% 상승",
#: "恒指▲200点", "S&P 500 ▲1.2%"). Korean accounts write △ for a loss or a fall ("영업이익
#: △1,200억원"). A quote is Japanese by its kana, its 円, or a form only Japanese writes (営 売
#: 経 済 単 対 関: Chinese writes 营/營, 卖/賣, 经/經, 济/濟, 单/單, 对/對, 关/關), and not if it
#: has hangul, which makes it Korean. Market tables of every language write ▼ for a fall
#: ("Nikkei ▼1.2%", "코스피 ▼12.34", "恒指▼200点", "日経平均▼120円"), and Japanese and Korean
#: accounts ▽ as they write △.
_KANA = re.compile(r"[\u3041-\u309f\u30a0-\u30ff]")
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
_JAPANESE = re.compile(r"[円営売経済単対関]")
_TRIANGLES = "▲△▼▽"


def _triangle_minus(norm: str, mark: str, q: QuoteNumber) -> bool:
    """Whether ``mark`` (▲, △, ▼ or ▽) before ``q`` in ``norm`` is a minus: ▼ in any quote,
    ▽ in a Japanese or Korean one; ▲ and △ in a Japanese quote, △ alone in a Korean one (any
    hangul: "영업이익 △1,200억원"), elsewhere neither.

    Korean news also lists items with triangles ("△반도체 3조원 △배터리 2조원", "▼삼성전자
    ▼SK하이닉스"), Japanese news its headings ("▼関連記事"): where a △, ▼ or ▽ stands before a
    word, or before a year, the quote's marks of that kind are bullets.
    """
    korean = bool(_HANGUL.search(norm))
    japanese = not korean and bool(_KANA.search(norm) or _JAPANESE.search(norm))
    if mark == "▼" or (mark == "▽" and (korean or japanese)) or (mark == "△" and korean):
        return not q.year and not _bullets(norm, mark)
    return japanese and mark in ("▲", "△")


#: A list item that runs on from its amount into words: the amount with its unit written on
#: it ("10조원", "1만명"; not a bare number or a percentage, as market tables write), a space,
#: then a word ("△10조원 규모 설비투자", "▼1만명 채용"). Accounts put a comma or nothing after
#: their amount ("영업이익 △1,200억원, 순이익 △800억원").
_ITEM = r"\s?\d(?:[\d,.]*\d)?[^\W\d_]+\s+[^\W\d_]"
#: What may stand before a list's first bullet: nothing, a colon, or a noun that introduces
#: a list with its particle ("주요 내용은", "계획은"; not an account's label, "영업이익은").
_LIST_START = re.compile(r"(?:^|:|(?:내용|골자|계획|방안|대책|조치)[은는])\s*$")


def _bullets(norm: str, mark: str) -> bool:
    """Whether ``norm`` writes ``mark`` as a list's bullets: before a word, or each time before
    an amount that runs on into words (:data:`_ITEM`), twice or more, or once at the start of
    the quote, after a colon or after a noun that introduces a list ("계획: ▼ 10조원 투자",
    "주요 내용은 △10조원 규모 설비투자"). A particle or "표시" after the mark explains it
    ("△는 감소", "△ 표시는 손실", "▽は減少")."""
    explained = r"(?:[은는이가을를의](?![가-힣])|표시|は|印)"
    if re.search(re.escape(mark) + rf"\s?(?!{explained})[^\W\d_]", norm) is not None:
        return True
    items = [m.start() for m in re.finditer(re.escape(mark) + _ITEM, norm)]
    if not items or len(items) < norm.count(mark):
        return False  # accounts: "영업이익 △1,200억원 순이익 △800억원"
    return len(items) >= 2 or _LIST_START.search(norm[: items[0]]) is not None


_RISE_AFTER = re.compile(r"\s?(?:상승|증가|上涨|上升|增|増|上昇)")
# Capitalised words that are not subjects: sentence glue, months (in the languages of
# :mod:`~model.inputs.sources.dates`, abbreviated too), units and currencies.
_NOT_SUBJECTS = (
    frozenset(
        """a an the in on at by as of for from to with while but and or its it this that these those
    over under according since after before during between among about than also however
    january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday q1 q2 q3 q4 h1 h2 fy yoy cagr
    usd rmb hkd cny us$ hk$ rm ai gpu gpus cpu it ceo cfo ipo gdp eps ebita ebitda pe p/e
    billion million trillion percent he she they we i""".split()
    )
    | MONTH_NAMES
)
_CAPITALISED = re.compile(r"[A-Z][\w&'\u2019.\-]*")
_CLAUSE_END = re.compile(r"[.;!?](?:\s|$)")
#: Words whose full stop ends no sentence: "$1.2 billion vs. $1.0 billion", "Skyloft Inc.
#: reported", "in Oct. and", "U.S.", "No. 1".
_ABBREVIATIONS = frozenset(
    """vs v inc corp co ltd plc llc cos bros no nos approx est incl excl e.g i.e etc cf
    mr mrs ms dr st jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_LAST_WORD = re.compile(r"(?:^|\s)\(?([\w.&'\u2019-]+)$")
#: Words a subject may stand before its number.
SUBJECT_REACH = 4


@dataclass(frozen=True)
class NumberSense:
    """What a quoted number says beyond its value.

    Attributes
    ----------
    number : QuoteNumber
    negative : bool
        Whether the quote gives it a negative sense.
    why : str or None
        What makes it negative: ``'-'``, ``'( )'`` or the word (``fell``, ``loss``).
    subject : str or None
        The proper noun it is about, as written (``Alibaba Cloud``), if any.
    debt : bool
        Whether the quote states it as net debt (``net debt of £9.5 billion``): the amount
        of a negative net cash position.
    """

    number: QuoteNumber
    negative: bool
    why: str | None
    subject: str | None
    debt: bool = False


#: "net debt" (or net borrowings) a few words before a number: "net debt stood at £9.5bn";
#: results also say it as "net financial debt", "net interest-bearing debt" or "debt less cash",
#: and in German and Portuguese "Netto(finanz)verschuldung" and "dívida líquida" (whose
#: sentences take a word more: "A dívida líquida encerrou o ano em R$ 14,8 bilhões").
_DEBT_BEFORE = re.compile(
    r"\b(?:net (?:financial |interest-bearing )?(?:debt|borrowings?)"
    r"|debt (?:less|net of|minus) cash(?: and equivalents)?"
    r"|netto(?:finanz)?verschuldung|dívida líquida)\b(?:\s+[^\W\d_]+){0,4}\s*$"
)


#: The digits of a number, to see whether parentheses enclose them ("$(241) million").
_DIGITS = re.compile(r"\d[\d.,]*")


def _digits_in_parentheses(norm: str, q: QuoteNumber) -> bool:
    """Whether the digits of the amount ``q`` stand in parentheses inside it, its currency or
    scale outside them (``$(1.2) billion``, ``(1,234) million yuan``, ``USD (450)``): the
    accounts' minus, as much as ``($1.2 billion)``."""
    m = _DIGITS.search(norm, max(q.start - 1, 0), q.end)
    return m is not None and norm[m.start() - 1 : m.start()] == "(" and norm[m.end()] == ")"


def _sign(norm: str, q: QuoteNumber, high: bool = False) -> tuple[bool, str | None]:
    """The sign of ``q`` in ``norm``; ``high``: whether ``q`` is a range's high end, whose
    dash before it joins the range ("3%-5%") and is no minus sign."""
    if q.start < 0:
        return False, None
    before, after = norm[: q.start], norm[q.end :]
    if q.range_low:
        before = _BETWEEN.sub("", before)
    # A dash spaced on both sides sets off a clause ("$2 - 15% above consensus").
    spaced = before.endswith(" -") and norm[q.start : q.start + 1] == " "
    minus = before.endswith("-") and (len(before) == 1 or not before[-2].isalnum())
    if minus and not spaced and not high:
        return True, "-"
    # A triangle may stand a space before its number ("△ 1,200억원", "▲ 120億円").
    triangle = before.removesuffix(" ")[-1:]
    if (
        triangle in _TRIANGLES
        and not _RISE_AFTER.match(after)
        and _triangle_minus(norm, triangle, q)
    ):
        return True, triangle
    accounting = q.currency is not None or q.scaled
    wrapped = before.endswith("(") and after.startswith(")")
    if accounting and not q.percent and (wrapped or _digits_in_parentheses(norm, q)):
        return True, "( )"
    m = _BEFORE.search(before[-80:])
    if m is not None:
        return True, m.group("word") or m.group("verb") or m.group("es") or m.group("esverb")
    if (accounting or q.cents) and not q.percent:
        m = _LOSS_LEVEL.search(before[-100:]) or _CJK_LOSS_LEVEL.search(before[-24:])
        if m is not None:
            return True, m.group().strip()
        m = _CJK_LOSS_AFTER.match(after[:8])
        if m is not None:
            return True, m.group("word")
    m = _AFTER.match(after[:40])
    if m is not None:
        return True, m.group("word")
    m = _CJK_BEFORE.search(before[-12:])
    if m is not None and _OWNED.search(before[-12:][: m.start("word")]):
        m = None  # "20%減の1,200億円": the decline is the 20%'s, not the amount's
    m = m or _CJK_AFTER.match(after[:6])
    if m is not None:
        return True, m.group("word")
    return False, None


def _range_signs(
    norm: str, numbers: Sequence[QuoteNumber], signs: list[tuple[bool, str | None]]
) -> list[tuple[bool, str | None]]:
    """``signs`` with a word of decline on one end of a range given to the other end too."""
    out = list(signs)
    for i, q in enumerate(numbers[:-1]):
        if not q.range_low:
            continue
        (low, low_why), (high, high_why) = out[i], out[i + 1]
        shared = low and low_why not in _OWN_MARKS and not high
        if shared and _fall_range(norm, q, numbers[i + 1]):
            out[i + 1] = out[i]  # "fell 3-5%"
        elif high and high_why not in _OWN_MARKS | _COMPARATIVES and not low:
            out[i] = out[i + 1]  # "a 3-5% drop"
    return out


def _translation_signs(
    norm: str, numbers: Sequence[QuoteNumber], signs: list[tuple[bool, str | None]]
) -> list[tuple[bool, str | None]]:
    """``signs`` with an amount in parentheses right after one in another currency given that
    one's sign: "RMB 236.5 billion (US$32.6 billion)" restates it, no accounting minus."""
    out = list(signs)
    for i in range(1, len(numbers)):
        q, prev = numbers[i], numbers[i - 1]
        restated = norm[prev.end : q.start] in ("(", " (") and norm[q.end : q.end + 1] == ")"
        other = prev.currency is not None and q.currency not in (None, prev.currency)
        if restated and other and out[i][1] == "( )":
            out[i] = out[i - 1]
    return out


def _fall_range(norm: str, low: QuoteNumber, high: QuoteNumber) -> bool:
    """Whether a fall's low end and the number after it are a range of falls.

    A dash and "between ... and" join one. A word ("to", "à", "bis", "do", "tot") never does:
    "fell by 1.5 to 2 dollars", "fell by 3 to 5%" and "daalde van 5 tot 3%" may be falls to a
    level, and the level keeps its sign, as it always did.
    """
    worded = any(c.isalpha() for c in norm[low.end : high.start])
    return not worded or norm[: low.start].endswith("between ")


def _proper_nouns(original: str) -> list[tuple[int, int, str]]:
    """Runs of capitalised words in the original quote: ``(start, end, text)``."""
    out: list[tuple[int, int, str]] = []
    words = list(_CAPITALISED.finditer(original))
    run: list[re.Match[str]] = []

    def flush() -> None:
        kept = [m for m in run if m.group().rstrip(".").lower() not in _NOT_SUBJECTS]
        # A sentence may start with any word capitalised: "Trading at 23.5x" names no one.
        if kept and _sentence_start(original, kept[0].start()) and _ordinary(kept[0].group()):
            kept = kept[1:]
        if kept:
            text = " ".join(re.sub(r"['\u2019]s$", "", m.group()).rstrip(".") for m in kept)
            out.append((kept[0].start(), kept[-1].end(), text))
        run.clear()

    for m in words:
        if run and original[run[-1].end() : m.start()].strip() != "":
            flush()
        run.append(m)
    flush()
    return out


def absent_subjects(label: str, quote: str) -> list[str]:
    """Proper nouns of an item's label that the quote never mentions (``Alibaba`` for a label
    "Alibaba's share of profit" and a quote about AWS only)."""
    quote_words = subject_words(quote)
    out = []
    for start, end, text in _proper_nouns(label):
        written = label[start:end]
        # A label's first word is capitalised whatever it is ("Length of ..."): it counts
        # only as a possessive, an acronym or a run of capitalised words.
        if _sentence_start(label, start) and not (
            re.search(r"['\u2019]s\b", written) or written.split()[0].isupper() or " " in written
        ):
            continue
        first = re.split(r"[^a-z0-9]+", text.lower())[0]
        if first and first not in quote_words:
            out.append(text)
    return out


def _abbreviated(text: str, dot: int) -> bool:
    """Whether the full stop at ``dot`` closes an abbreviation ("vs.", "Inc.", "Oct.", "U.S.")
    rather than a sentence."""
    if text[dot] != ".":
        return False
    word = _LAST_WORD.search(text, 0, dot)
    if word is None:
        return False
    token = word.group(1).lower()
    if token.isdigit():
        # A German day's ordinal dot: "am 1. Dezember bei 14,20 Euro".
        return dotted_day(text, dot)
    # Initials: "U.S.", "U.K.", "e.g." (a single letter, or letters each with its full stop).
    return token in _ABBREVIATIONS or re.fullmatch(r"(?:[a-z]\.)*[a-z]", token) is not None


def _sentence_start(text: str, i: int) -> bool:
    before = text[:i].rstrip(" \"'\u201c\u2018(")
    return not before or before[-1] in ".!?:"


def _ordinary(word: str) -> bool:
    """A capitalised word that reads as an ordinary English word (a verb or adverb form)."""
    if re.search(r"['\u2019]s$", word):
        return False  # a possessive: "Alibaba's"
    return word[1:].islower() and word.lower().endswith(("ing", "ed", "ly"))


def senses(quote: str, numbers: Sequence[QuoteNumber]) -> list[NumberSense]:
    """The sign and subject of each number of :func:`~model.inputs.sources.quotes.numbers_in`.

    Parameters
    ----------
    quote : str
        The quote as written.
    numbers : sequence of QuoteNumber
        Its numbers, in order.

    Returns
    -------
    list of NumberSense
    """
    norm, where = normalize(quote)
    nouns = _proper_nouns(quote)
    # German capitalises every noun: the one right after a count is what it counts, no
    # subject of the next number ("12.500 Mitarbeiter in 31 Ländern").
    german = german_text(norm)
    counted = -1
    out: list[NumberSense] = []
    previous_end = 0
    current: str | None = None
    highs = [i > 0 and numbers[i - 1].range_low for i in range(len(numbers))]
    own = [_sign(norm, q, high) for q, high in zip(numbers, highs, strict=True)]
    signs = _range_signs(norm, numbers, _translation_signs(norm, numbers, own))
    for q, (negative, why) in zip(numbers, signs, strict=True):
        subject = None
        if 0 <= q.start < len(where):
            start = where[q.start]
            # Only what lies after the previous number and in the same sentence.
            window_start = previous_end
            for m in _CLAUSE_END.finditer(quote, previous_end, start):
                if not _abbreviated(quote, m.start()):
                    window_start = m.end()
            for a, b, text in nouns:
                if a >= window_start and b <= start and a != counted:
                    between = quote[b:start].split()
                    if len(between) <= SUBJECT_REACH:
                        subject = text
            if window_start > previous_end:
                current = None  # a new sentence does not inherit the last subject
            previous_end = where[q.end - 1] + 1 if q.end > q.start else start
            bare = not (q.scaled or q.percent or q.currency or q.cents or q.year or q.date)
            gap = len(quote[previous_end:]) - len(quote[previous_end:].lstrip())
            counted = previous_end + gap if german and bare and 0 < gap < 3 else counted
        if subject is not None:
            current = subject
        # A date between the words and the figure is one word ("net debt at September 30 was").
        debt = q.start >= 0 and _DEBT_BEFORE.search(undated(norm[: q.start])[-60:])
        out.append(NumberSense(q, negative, why, current, debt=bool(debt)))
    return out


def same_kind(q: QuoteNumber, unit: Unit | None) -> bool:
    """Whether a quoted number is written the way a value in ``unit`` would be.

    Percentages for fractions, other numbers otherwise; calendar years and the days and months
    of dates and the numbers of items ("No. 3") never count.
    """
    if q.year or q.date or q.label or q.one:
        return False
    fraction = unit is not None and unit.is_fraction
    return q.percent == fraction
