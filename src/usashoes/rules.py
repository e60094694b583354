"""Origin-labelling knowledge base: the registry of rules, and finding one by topic.

Pure domain module: stdlib and usashoes.models only, no I/O, no typer, no rich.
Every number here comes from a public source; each rule carries the URLs it rests on.
This is general information, not legal advice.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from types import MappingProxyType

from .errors import ExitCode, UsashoesError
from .models import Vocabulary

__all__ = [
    "NOT_LEGAL_ADVICE",
    "RULES",
    "RULES_BY_ID",
    "TOPICS",
    "Rule",
    "RuleKind",
    "Source",
    "UnknownTopic",
    "find_rule",
    "normalise_topic",
    "suggest_topics",
    "topic_names",
]

NOT_LEGAL_ADVICE = "This is general information from public sources, not legal advice."


# --------------------------------------------------------------------------- data model


class RuleKind(Vocabulary):
    """What sort of authority a rule has; a company policy is not law."""

    LAW = "law"
    REGULATION = "regulation"
    GUIDANCE = "guidance"
    COMPANY_POLICY = "company-policy"
    PROCUREMENT = "procurement"
    CASE_LAW = "case-law"


@dataclass(frozen=True, slots=True)
class Source:
    url: str
    what: str


@dataclass(frozen=True, slots=True)
class Rule:
    """One labelling rule or scheme, told in the project's own words, with its sources."""

    id: str
    title: str
    label: str  # the label or scheme as a buyer meets it
    jurisdiction: str
    set_by: str
    kind: RuleKind
    threshold: str  # always text: rules without a number say "no fixed %" explicitly
    summary: str
    details: tuple[str, ...]
    citations: tuple[str, ...]
    sources: tuple[Source, ...]
    aliases: tuple[str, ...] = ()


class UnknownTopic(UsashoesError, LookupError):
    """No rule matches a topic (or a prefix matches several); carries close topic ids."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, topic: str, suggestions: tuple[str, ...] = ()) -> None:
        # Both go into args so the exception survives pickling and repr().
        super().__init__(topic, tuple(suggestions))
        self.topic = topic
        self.suggestions: tuple[str, ...] = tuple(suggestions)

    def __str__(self) -> str:
        message = f"No explain topic matches {self.topic!r}."
        if self.suggestions and set(self.suggestions) == set(TOPICS):
            message += " Topics: " + ", ".join(self.suggestions) + "."
        elif self.suggestions:
            message += " Did you mean: " + ", ".join(self.suggestions) + "?"
        return message


# --------------------------------------------------------------------------- the registry

_FTC_MADE_IN_USA = Rule(
    id="ftc-made-in-usa",
    title='FTC "Made in USA" standard and Labeling Rule',
    label='"Made in USA" (unqualified)',
    jurisdiction="United States (federal)",
    set_by="Federal Trade Commission (FTC)",
    kind=RuleKind.REGULATION,
    threshold='None (no fixed %): "all or virtually all" US, foreign content negligible',
    summary=(
        'A plain "Made in USA" means all or virtually all of the product is American: final '
        "assembly and every significant processing step in the US, and at most negligible "
        "foreign content."
    ),
    details=(
        'The test is "all or virtually all". Three things must hold: the final assembly or '
        "processing happens in the US; every significant processing step happens in the US; "
        "and all or virtually all ingredients and components are made and sourced in the US. "
        "The FTC has never put a percentage on it; foreign content should be none or "
        "negligible.",
        "Two texts carry the standard. The 1997 Enforcement Policy Statement on U.S. Origin "
        "Claims (62 Fed. Reg. 63756) applies to every kind of marketing: labels, ads, web "
        "pages and e-mail. The Made in USA Labeling Rule, 16 CFR Part 323 (86 Fed. Reg. 37022, "
        "in force since Aug. 13, 2021), turns the same standard into a rule for labels on the "
        "product or its packaging, and for seals, tags or stamps in mail-order catalogs "
        "(commentators think it can reach labels shown online). It adds no new duties, but it "
        "lets the FTC seek civil penalties, redress and damages.",
        "When it weighs a claim, the FTC asks where final assembly or processing happened, "
        "what share of total manufacturing cost (cost of goods sold: materials, direct labour, "
        "overhead) is US parts and processing, and how far any foreign input sits from the "
        "finished product. A minor imported part can pass (the FTC's gas-grill example with "
        "imported knobs and tubing); imported major components cannot.",
        "The Rule rests on 15 U.S.C. 45a, which lets the FTC consider an allowed percentage "
        "of imported components; it never adopted one. Penalties were up to $43,280 per "
        "violation when the Rule was adopted in 2021; the figure is adjusted for inflation "
        "every year and the current amount is unverified here. The largest reported penalty "
        "under the Rule, as of Jan. 2024, was $2 million.",
        '"United States" means the 50 states, the District of Columbia and US territories and '
        "possessions, so a shoe made in Puerto Rico can qualify.",
        "For shoes an origin claim is voluntary, but once made it must meet this standard, "
        "and the seller needs competent and reliable evidence for it at the time. Shoes are "
        "outside the Textile, Wool and Fur Acts' origin-labelling scheme, which is why this "
        "general standard is the one that applies to them.",
        "History: in May 1997 the FTC floated a looser \"substantially all\" test (62 Fed. Reg. "
        '25020); after public comment it kept "all or virtually all" in December 1997. The '
        "Rule overrides state laws only where they conflict with it, and a state law that "
        "protects consumers more is no conflict (16 CFR 323.5), so California's stricter "
        "statute still applies.",
    ),
    citations=(
        "FTC Act s.5, 15 U.S.C. 45",
        "15 U.S.C. 45a",
        "Made in USA Labeling Rule, 16 CFR Part 323; 86 Fed. Reg. 37022 (July 14, 2021), "
        "effective Aug. 13, 2021",
        "Enforcement Policy Statement on U.S. Origin Claims, 62 Fed. Reg. 63756 (Dec. 2, 1997)",
    ),
    sources=(
        Source(
            "https://www.govinfo.gov/content/pkg/FR-1997-12-02/html/97-31531.htm",
            "62 Fed. Reg. 63756 (Dec. 2, 1997): the Enforcement Policy Statement",
        ),
        Source(
            "https://www.ftc.gov/legal-library/browse/enforcement-policy-statement-us-origin-claims",
            "FTC copy of the Enforcement Policy Statement",
        ),
        Source(
            "https://www.ftc.gov/news-events/topics/tools-consumers/made-usa",
            'FTC Made in USA page ("all or virtually all"; negligible foreign content)',
        ),
        Source(
            "https://regulations.justia.com/regulations/fedreg/2021/07/14/2021-14610.html",
            "Final Made in USA Labeling Rule, 86 FR 37022",
        ),
        Source(
            "https://lexbuild.dev/ecfr/title-16/chapter-I/part-323/section-323.5",
            "16 CFR 323.5: relation to federal and state laws",
        ),
        Source("http://www.law.cornell.edu/uscode/text/15/45a", "15 U.S.C. 45a text"),
        Source(
            "https://www.govinfo.gov/content/pkg/FR-1997-05-07/html/97-11814.htm",
            "62 Fed. Reg. 25020 (May 7, 1997): the proposed looser guides",
        ),
        Source(
            "https://www.mondaq.com:443/unitedstates/doddfrank-consumer-protection-act/1090430/"
            "ftc39s-new-rule-aims-to-crack-down-on-false-made-in-the-usa-labels",
            "Civil penalties up to $43,280 per violation",
        ),
        Source(
            "https://millerchevalier.com/publication/trade-compliance-flash-federal-trade-commission-announces-largest-ever-penalty-made-usa",
            "$2 million penalty (Jan. 25, 2024)",
        ),
    ),
    aliases=(
        "ftc",
        "made-in-usa",
        "made-in-america",
        "usa",
        "16-cfr-323",
        "16-cfr-part-323",
        "15-usc-45a",
        "all-or-virtually-all",
        "unqualified",
        "labeling-rule",
    ),
)

_FTC_QUALIFIED = Rule(
    id="ftc-qualified",
    title="FTC qualified US-origin claims",
    label='"Made in USA of U.S. and imported parts", "60% U.S. content" and the like',
    jurisdiction="United States (federal)",
    set_by="Federal Trade Commission (FTC)",
    kind=RuleKind.GUIDANCE,
    threshold="None (no fixed %): any stated % must be true; US content should be significant",
    summary=(
        "A US claim with a qualifier admits foreign content; it is allowed when it is true, "
        "backed by evidence, and the US content or processing is significant."
    ),
    details=(
        'A product that misses "all or virtually all" can still describe its US content '
        'truthfully: "60% U.S. content", "Made in USA of U.S. and imported parts", or "Couch '
        'assembled in USA from Italian Leather and Mexican Frame". The wording must be '
        "substantiated and must not suggest more US content than there is.",
        "The FTC advises using such claims only when US content or processing is significant. "
        "Its treadmill example: with US parts at about 3% of the cost of all parts, \"Made in "
        'USA of U.S. and Imported Parts" is deceptive, while "Made in U.S. from Imported '
        'Parts" or "Assembled in U.S.A." is acceptable.',
        "A claim about one part or one process, such as a US-made sole, has to point plainly at "
        "that part or process and not at the whole shoe.",
        "No law fixes a minimum US share for a qualified claim. New Balance says it qualifies "
        "its label when a shoe's domestic value is under 70%; tags reading \"Made in USA of "
        'imported materials" were reported in 2009 and 2011.',
    ),
    citations=(
        "Enforcement Policy Statement on U.S. Origin Claims, 62 Fed. Reg. 63756 (Dec. 2, 1997)",
        "FTC Act s.5, 15 U.S.C. 45",
    ),
    sources=(
        Source(
            "https://www.bladeforums.com/threads/quartermaster-officially-busted.1503595/page-3",
            'Reproduction of the FTC guide on qualified claims ("60% U.S. content", treadmill)',
        ),
        Source(
            "https://www.docslides.com/melody/complying-with-the",
            'Copy of the FTC business guide "Complying with the Made in USA Standard"',
        ),
        Source(
            "https://www.ftc.gov/legal-library/browse/enforcement-policy-statement-us-origin-claims",
            "FTC copy of the Enforcement Policy Statement",
        ),
        Source(
            "http://theopenend.com/2009/12/10/what-it-means-to-be-made-in-the-u-s-a/",
            'New Balance pamphlet and "MADE IN USA OF IMPORTED MATERIALS" tag (2009)',
        ),
    ),
    aliases=(
        "qualified",
        "qualified-claims",
        "imported-parts",
        "imported-materials",
        "us-content",
        "made-in-usa-of-imported-materials",
    ),
)

_FTC_ASSEMBLED = Rule(
    id="ftc-assembled",
    title='"Assembled in USA" (FTC)',
    label='"Assembled in USA"',
    jurisdiction="United States (federal)",
    set_by="Federal Trade Commission (FTC)",
    kind=RuleKind.GUIDANCE,
    threshold=(
        "None (no fixed %): principal, substantial US assembly and the last substantial "
        "transformation in the US"
    ),
    summary=(
        "Foreign parts are fine, but the main assembly must happen in the US, must be "
        "substantial, and must be the product's last substantial transformation."
    ),
    details=(
        'Three conditions for "Assembled in USA": the principal assembly takes place in the '
        "US; that assembly is substantial; and the product's last substantial transformation "
        "happens in the US. The claim says nothing about where the parts came from.",
        'A quick "screwdriver" job that bolts together imported major parts does not count '
        "(the FTC illustrates this with a computer).",
        "The FTC's consent order against Nectar Brand LLC uses the same three-part wording for "
        "assembly claims. Nectar's mattresses arrived finished from abroad, and \"Designed in "
        'USA" or "Designed and Assembled in USA" style claims are policed too.',
        "For shoes, substantial transformation is the Customs idea (see customs). Customs case "
        "law (Uniroyal) held that putting outsoles on imported, otherwise complete uppers in "
        "the US is not a substantial transformation, because the upper is the essence of a "
        "shoe.",
        "It is not a fallback the law imposes on shoes that miss some percentage: a shoe short "
        'of "all or virtually all" may use a truthful qualified claim instead, and "Assembled '
        'in USA" has to pass its own test.',
    ),
    citations=(
        "Enforcement Policy Statement on U.S. Origin Claims, 62 Fed. Reg. 63756 (Dec. 2, 1997)",
        "In the Matter of Nectar Brand LLC (FTC consent order, assembly claims)",
    ),
    sources=(
        Source(
            "https://consumerprotection.uslegal.com/advertising/bureau-of-consumer-protection/labeling-rules/",
            'FTC text on "Assembled in USA"',
        ),
        Source(
            "https://nspa.com/made-vs-assembled",
            'Quotes the FTC "Assembled in USA" conditions',
        ),
        Source(
            "https://www.thetmca.com/assembled-in-the-usa-the-ftc-confirms-whats-required/",
            "Nectar Brand LLC consent order wording",
        ),
    ),
    aliases=(
        "assembled",
        "assembled-in-usa",
        "assembled-in-america",
        "assembly",
        "nectar",
        "screwdriver",
    ),
)

_NB_70 = Rule(
    id="nb-70",
    title='New Balance\'s 70% "domestic value" policy',
    label='"Made in USA" on New Balance shoes',
    jurisdiction="Company policy (New Balance shoes sold in the US)",
    set_by="New Balance Athletics, Inc.",
    kind=RuleKind.COMPANY_POLICY,
    threshold="≥70% domestic value (company policy, not law)",
    summary=(
        'New Balance calls a shoe "Made in USA" when its "domestic value" is at least 70%, so '
        "up to 30% may be foreign; that line is the company's own, not a legal one."
    ),
    details=(
        "In New Balance's own words (2009 pamphlet, website about 2013): a shoe with at least "
        '70% domestic value is labelled "Made in USA", and below that the label is qualified '
        'with a reference to domestic and imported materials; tags reading "Made in USA of '
        'imported materials" were reported. Around 2021 NB described its "New Balance Made" '
        "collection as 70% or more domestic value. NB says the line is based in part on an FTC "
        "consumer survey.",
        'NB has not defined "domestic value" in public. A shoe right at 70% can have up to 30% '
        "foreign content: far beyond California's 5% and 10% ceilings, and not \"negligible\" "
        "as the FTC standard requires. Outsoles have long been imported.",
        'Solereview\'s "at least 70% local content for Made in USA, otherwise Assembled in the '
        'USA" presents this company policy as if it were law. The FTC sets no percentage, and '
        'a shoe below a bar may use a truthful qualified wording instead of "Assembled in USA", '
        "which has its own test.",
        "With the FTC: in 1994 (Sept. 20, per TINA) the FTC filed an administrative complaint "
        'against New Balance, and Hyde Athletic (Saucony), over "Made in USA" claims; the '
        "imported outsoles were the point. In July 1995 it stayed the trial to study how "
        "buyers read the claim, and held a public workshop in March 1996. The 1996 consent "
        "(61 Fed. Reg. 49143) only stops NB from calling shoes made wholly abroad US-made and "
        "from misstating its export volumes; the charges about shoes made partly here and "
        "partly abroad were withdrawn.",
        'In 1997 the FTC proposed a looser "substantially all" test, which NB supported in '
        'comments, and in December 1997 kept "all or virtually all". In 2010 former FTC '
        "chairman Robert Pitofsky said, in effect, that a rule requiring all or substantially "
        "all cannot be sidestepped by disclosing that 70% is US-made.",
        "In court: Dashnaw v. New Balance (S.D. Cal.) settled California claims, including "
        "under Bus. & Prof. Code 17533.7, in 2019 with a $750,000 fund paying up to $10 a "
        "pair, at most $50 a person and $100 a household, for California purchases from Dec. "
        "27, 2012 to Jan. 24, 2019. On Sept. 20, 2021 TINA.org asked the FTC to act under the "
        "new Labeling Rule. In Cristostomo v. New Balance (D. Mass., Dec. 23, 2022) the court "
        'denied NB\'s motion to dismiss and noted NB admits "up to 30% foreign content" in '
        "that collection; how the case ended was not found.",
        "No FTC action against NB under the 2021 Rule was found. NB's wording above dates "
        "from 2009 to about 2021; its current wording has not been re-checked. The 100% US "
        "shoes NB makes for military recruits under the Berry Amendment meet a stricter "
        "standard (see berry).",
    ),
    citations=(
        "In the Matter of New Balance Athletic Shoe, Inc., FTC Docket/File No. D.9268; "
        "proposed consent 61 Fed. Reg. 49143 (Sept. 18, 1996)",
        "Dashnaw v. New Balance Athletics, Inc., No. 3:17-cv-00159-L-JLB (S.D. Cal.)",
        "Cristostomo v. New Balance Athletics, Inc., No. 1:21-cv-12095-AK, "
        "2022 WL 17904394 (D. Mass. Dec. 23, 2022)",
    ),
    sources=(
        Source(
            "http://theopenend.com/2009/12/10/what-it-means-to-be-made-in-the-u-s-a/",
            'NB pamphlet (70% rule) and "MADE IN USA OF IMPORTED MATERIALS" tag',
        ),
        Source(
            "http://vintagegent.blogspot.com/2013/11/new-balance-still-mostly-made-in-usa.html",
            "NB website wording about 2013 (70% rule)",
        ),
        Source(
            "https://truthinadvertising.org/articles/new-balance-made-in-usa/",
            'NB product-page disclosure "domestic value of 70% or greater"',
        ),
        Source(
            "https://www.govinfo.gov/content/pkg/FR-1996-09-18/html/96-23923.htm",
            "61 FR 49143: New Balance proposed consent agreement",
        ),
        Source(
            "https://ftc.gov/node/47279",
            "FTC press release on the 1996 NB and Hyde settlements",
        ),
        Source(
            "https://www.ftc.gov/news-events/press-releases/1995/07/new-balance-athletic-shoes-inc",
            "FTC stay of proceedings, July 1995",
        ),
        Source(
            "http://www.today.com/id/36476797/ns/business-us_business/",
            "2010 report on the 70% policy with the Pitofsky quote",
        ),
        Source(
            "https://truthinadvertising.org/press/new-balance-press-release/",
            "TINA complaint to the FTC, Sept. 20, 2021",
        ),
        Source(
            "https://iguazu-staging.vlex.com/cases/cristostomo-v-new-balance-1029794717",
            "Cristostomo v. New Balance memorandum and order",
        ),
        Source(
            "https://www.prnewswire.com:443/news-releases/if-you-purchased-new-balance-made-in-usa-labeled-shoes-a-proposed-class-action-settlement-may-affect-your-rights-read-this-notice-carefully-because-it-explains-decisions-and-actions-you-must-take-now-300800675.html",
            "Dashnaw settlement summary notice",
        ),
        Source("http://www.shoesettlement.com/home/faqs/", "Dashnaw settlement FAQ"),
    ),
    aliases=(
        "nb",
        "new-balance",
        "new-balance-70",
        "nb-policy",
        "70",
        "70-percent",
        "domestic-value",
        "dashnaw",
        "cristostomo",
        "tina",
        "solereview",
    ),
)

_CALIFORNIA = Rule(
    id="california",
    title='California "Made in U.S.A." statute (Bus. & Prof. Code 17533.7)',
    label='"Made in U.S.A.", "Made in America" or "U.S.A." on goods sold in California',
    jurisdiction="California (US state)",
    set_by=(
        "California Legislature (enforced by courts, public prosecutors and private plaintiffs)"
    ),
    kind=RuleKind.LAW,
    threshold="≤5% foreign by final wholesale value (≤10% if unobtainable in the US)",
    summary=(
        "In California a US-origin label is unlawful once foreign parts pass 5% of the final "
        "wholesale value, or 10% for a part that cannot be made or obtained in the US."
    ),
    details=(
        'The statute covers goods sold or offered in California that carry "Made in U.S.A.", '
        '"Made in America", "U.S.A." or similar words on the item or its container. The base '
        "rule makes the label unlawful if the item, or any part of it, was entirely or "
        "substantially made outside the US.",
        "SB 633 (Stats. 2015, ch. 238, signed Sept. 1, 2015; believed to take effect Jan. 1, "
        "2016, not verified) added two allowances. All foreign parts together may be up to 5% "
        "of the product's final wholesale value. Or up to 10%, if the maker shows it can "
        "neither make the part in the US nor get it from a US source; cost cannot be the "
        "reason.",
        "It does not apply to goods sold for resale to consumers outside California, and goods "
        "sold elsewhere are not mislabelled if they follow that state's or country's law.",
        "Before SB 633 there was no allowance at all and courts read the statute strictly (for "
        "example Paz v. AG Adriano Goldschmied, S.D. Cal. 2014).",
        "The FTC Rule does not displace it: 16 CFR 323.5 leaves more protective state laws in "
        "place, and McCoy v. McCormick held section 17533.7 is not preempted.",
        "For shoes: a New Balance shoe at NB's 70% floor may carry up to 30% foreign content, "
        "well past both allowances; the Dashnaw class action relied in part on this statute.",
    ),
    citations=(
        "Cal. Bus. & Prof. Code s.17533.7",
        "SB 633 (Hill), Stats. 2015, ch. 238 (approved Sept. 1, 2015)",
        "16 CFR 323.5",
        "McCoy v. McCormick (Cal. 17533.7 not preempted by the FTC Rule)",
    ),
    sources=(
        Source(
            "https://leginfo.legislature.ca.gov/faces/billTextClient.xhtml?bill_id=201520160SB633",
            "SB 633 chaptered text (Chapter 238)",
        ),
        Source(
            "https://www.legalfix.com/statutes/state-codes/california/code-bpc/division-7/part-3/chapter-1/article-2/section-17533-7",
            "Text of s.17533.7 (a)-(e)",
        ),
        Source(
            "http://www.leginfo.ca.gov/pub/15-16/bill/sen/sb_0601-0650/sb_633_cfa_20150715_173409_asm_floor.html",
            "Assembly floor analysis (5% and 10% of final wholesale value)",
        ),
        Source(
            "https://www.mondaq.com/unitedstates/advertising-marketing-branding/1652352/court-says-californias-made-in-usa-law-is-not-preempted-by-the-ftc-rule",
            "McCoy v. McCormick: not preempted",
        ),
        Source(
            "http://tushnet.blogspot.com.au/2014/11/stricter-california-rule-on-made-in-usa.html",
            "Pre-2015 strict reading (Paz v. AG Adriano Goldschmied)",
        ),
    ),
    aliases=("ca", "cal", "17533.7", "bpc-17533.7", "sb-633", "sb633"),
)

_CUSTOMS = Rule(
    id="customs",
    title="US Customs origin marking and substantial transformation",
    label='"Made in China", "Made in Vietnam" and other marks on imported shoes',
    jurisdiction="United States (federal)",
    set_by="U.S. Customs and Border Protection (CBP)",
    kind=RuleKind.LAW,
    threshold="None (no fixed %): the last substantial transformation decides origin",
    summary=(
        "An imported shoe must name its country of origin in English; Customs origin is where "
        "the last substantial transformation happened, not a percentage."
    ),
    details=(
        "Under 19 U.S.C. 1304 and 19 CFR Part 134, every imported article of foreign origin, "
        "or its container, must show the English name of its country of origin, as "
        "conspicuously and permanently as the article allows, so the final buyer in the US can "
        "see it. Goods made in the US need no Customs marking.",
        "Origin goes to the country of the last substantial transformation: the step that "
        "turns the inputs into a new article with a new name, character or use (Gibson-Thomsen, "
        "1940). When imported parts are substantially transformed in the US, the US processor "
        "counts as the final buyer and the finished good need not carry the foreign mark.",
        "The footwear case is Uniroyal (CIT 1982, aff'd Fed. Cir. 1983). Imported uppers, "
        "complete except for the outsole, had outsoles attached in the US. That was not a "
        'substantial transformation: the court called the upper "the very essence of the '
        'finished shoe", so the shoes had to be marked with their foreign origin.',
        "Later CBP rulings separate formed uppers (lasted, with a closed bottom) from unformed "
        "ones (open-bottomed); an upper with a hole about the size of a nickel or larger in the "
        "bottom counts as unformed (NY N328994, 2022). Whether US lasting and bottoming of an "
        "unformed upper gives a US-origin shoe depends on each ruling's facts.",
        "Customs origin is not the FTC test. A shoe can be of US origin for Customs and still "
        'not qualify for a plain "Made in USA". Markings proposed in rulings include "Made in '
        'Dominican Republic With Outer Soles Assembled in the USA" (NY N017743).',
        "Imports that are not marked can face marking duties (commonly cited as 10% ad "
        "valorem), re-export or penalties, according to secondary reports.",
    ),
    citations=(
        "Tariff Act of 1930 s.304, 19 U.S.C. 1304",
        "19 CFR Part 134 (country of origin marking)",
        "United States v. Gibson-Thomsen Co., 27 C.C.P.A. 267 (1940)",
        "Uniroyal, Inc. v. United States, 3 CIT 220, 542 F. Supp. 1026 (1982), "
        "aff'd 702 F.2d 1022 (Fed. Cir. 1983)",
    ),
    sources=(
        Source("https://law.onecle.com/uscode/19/1304.html", "19 U.S.C. 1304 text"),
        Source(
            "http://casetext.com/case/uniroyal-inc-v-united-states",
            'Uniroyal, Fed. Cir. 1983 ("very essence of the finished shoe")',
        ),
        Source(
            "https://cetient.com/opinion/2283980/uniroyal-inc-v-united-states",
            "Uniroyal, CIT 1982 opinion",
        ),
        Source(
            "https://www.customsmobile.com/rulings/docview?doc_id=NY+N328994&highlight=NY+N328994",
            'CBP NY N328994 (2022): nickel-size hole means an "unformed" upper',
        ),
        Source(
            "http://faqs.org/rulings/rulings2007NYN017743.html",
            "CBP NY N017743 (2007): formed Dominican upper with US outsole",
        ),
        Source(
            "https://sidley.com/zh-hans/insights/newsupdates/2024/02/takeaways-from-the-federal-trade-commission",
            "CBP marking is mandatory for imports; US-origin claims are voluntary",
        ),
    ),
    aliases=(
        "cbp",
        "uniroyal",
        "gibson-thomsen",
        "substantial-transformation",
        "marking",
        "19-usc-1304",
        "19-cfr-134",
        "imported",
    ),
)

_TEXTILE_ACTS = Rule(
    id="textile-acts",
    title="Textile, Wool and Fur Acts (they do not cover shoes)",
    label='"Made in U.S.A.", "Made in USA of imported fabric", "Imported" on textile goods',
    jurisdiction="United States (federal)",
    set_by="Federal Trade Commission (FTC)",
    kind=RuleKind.LAW,
    threshold="None (no fixed %): outer footwear is exempt",
    summary=(
        "Clothing and textiles must carry fibre and origin labels under these Acts, but shoes "
        "are exempt, so shoe origin claims fall under the general FTC standard."
    ),
    details=(
        "The Textile, Wool and Fur Acts make fibre content and country of origin mandatory on "
        "apparel and textile goods (for example 16 CFR 303.33).",
        "Shoes, overshoes, boots, slippers and all other outer footwear are exempt from the "
        "Textile Act's labelling rules; wool slippers fall under the Wool Rules. That is why "
        'a "Made in USA" claim on a shoe is judged by the general FTC standard and Rule.',
        "Running socks sold next to the shoes are textile products and do need an origin "
        "label. The FTC Care Labeling Rule (16 CFR Part 423) also exempts shoes.",
        "The exact CFR paragraph for the footwear exemption (believed to be 16 CFR 303.45(b)) "
        "is not verified.",
    ),
    citations=(
        "Textile Fiber Products Identification Act, 15 U.S.C. 70 et seq.; 16 CFR Part 303",
        "Wool Products Labeling Act, 15 U.S.C. 68 et seq.; 16 CFR Part 300",
        "Fur Products Labeling Act, 15 U.S.C. 69 et seq.; 16 CFR Part 301",
    ),
    sources=(
        Source(
            "http://www.drinnonlaw.com/article.php?practArea=44&articleIndex=2",
            "Textile Act exemptions, including all outer footwear",
        ),
        Source(
            "https://pdfslide.net/documents/a-guide-to-united-states-footwear-compliance-requirements-karen-reczek-a-guide-to.html",
            "NISTIR 8116, A Guide to United States Footwear Compliance Requirements",
        ),
        Source(
            "https://dokumen.tips/documents/a-guide-to-importing-footwear-into-the-united-a-guide-to-importing-footwear.html",
            "Fibre, wool and fur labelling not required for footwear",
        ),
        Source(
            "https://www.aafaglobal.org/AAFA/Solutions_Pages/Labeling_Frequently_Asked_Individual_Questions/What_rules_and_which_government_agency_regulate_labeling_requirements_for_apparel_and_footwear_.aspx",
            "AAFA: the Care Labeling Rule exempts shoes",
        ),
    ),
    aliases=("textile", "textile-act", "wool", "fur", "socks", "care-labeling"),
)

_BERRY = Rule(
    id="berry",
    title="Berry Amendment (Defense Department purchases, including recruit running shoes)",
    label='"Berry Amendment compliant" / "Berry compliant"',
    jurisdiction="United States (federal procurement, Department of Defense)",
    set_by="Congress; applied by the Department of Defense and the Defense Logistics Agency (DLA)",
    kind=RuleKind.PROCUREMENT,
    threshold="100% US, including materials and components",
    summary=(
        "Defense money may buy clothing, shoes included, only if the item and its materials "
        "and components are grown or produced in the US: in effect 100% US content."
    ),
    details=(
        "The statute is now 10 U.S.C. 4862 (formerly 10 U.S.C. 2533a). Defense funds may not "
        'buy clothing "and the materials and components thereof" unless they are grown, '
        "reprocessed, reused or produced in the US. It began in a 1941 appropriations act, "
        "became permanent in 1994 and was codified in 2002. The move to section 4862 is "
        "confirmed; its date (believed Jan. 1, 2022) is not.",
        "Exceptions include items that cannot be bought in satisfactory quality and enough "
        "quantity at US market prices, and purchases abroad for combat operations, among "
        "others. It is a purchasing rule, not a consumer label rule.",
        "Recruits used to buy running shoes with a cash allowance, which kept those purchases "
        "outside the Amendment. In April 2014 Acting Deputy Secretary of Defense Christine Fox "
        "limited the allowance to Berry-compliant shoes once they were on sale, noting that no "
        "maker sold one then. Section 817 of the FY2017 NDAA (Pub. L. 114-328, Dec. 23, 2016) "
        "amended 37 U.S.C. 418 to require Berry-compliant footwear for recruits on initial "
        "entry, with a two-year window to buy other shoes needed to limit injuries.",
        "In March 2018 the DLA gave New Balance a $17.3 million firm-fixed-price contract (an "
        "18-month base period plus an 18-month option), one of three awards. NB shipped its "
        'first order of about 6,000 pairs of "100 percent American-made" shoes in Oct. 2018. '
        "Free US-made shoes were issued from Jan. 2019, the Air Force first (JBSA-Lackland, "
        "Jan. 2, 2019); more than 250,000 recruits a year are covered. NB's military trainer "
        "was the 950v2.",
        "Berry compliance means 100% US, stricter than New Balance's 70% retail policy, so the "
        "military shoe and NB's retail \"Made in USA\" shoes need not have the same content.",
    ),
    citations=(
        "10 U.S.C. 4862 (formerly 10 U.S.C. 2533a)",
        "s.8005, Pub. L. 103-139 (made permanent, FY1994); "
        "s.832, Pub. L. 107-107 (codified, 2002)",
        "37 U.S.C. 418, as amended by s.817, National Defense Authorization Act for FY2017, "
        "Pub. L. 114-328 (Dec. 23, 2016)",
    ),
    sources=(
        Source("https://www.law.cornell.edu/uscode/text/10/4862", "10 U.S.C. 4862 text"),
        Source(
            "https://www.trade.gov/berry-amendment?msclkid=eca45aedb12011ec9276a0bfca7024e3",
            "ITA/OTEXA Berry Amendment overview and history",
        ),
        Source(
            "https://www.everycrsreport.com/reports/R44850.json",
            "CRS R44850: Berry and Kissell Amendments",
        ),
        Source(
            "https://wifcon.com/dodauth17/dod17_817.htm",
            "FY2017 NDAA s.817 text and conference notes",
        ),
        Source(
            "http://kitup.military.com/2014/04/rule-mandates-recruits-buy-usa.html",
            "April 2014 DoD policy (Fox letter)",
        ),
        Source(
            "https://www.pressherald.com/2018/03/16/new-balance-gets-17-3-million-contract-to-provide-military-footwear/",
            "$17.3M contract announcement",
        ),
        Source(
            "http://www.mainebiz.biz/article/20180316/NEWS01/180319958/new-balance-lands-%2417m-contract-to-make-sneakers-for-us-military",
            "Contract terms: 18-month base plus 18-month option; one of three awards",
        ),
        Source(
            "https://www.bostonglobe.com/business/2018/10/31/for-new-balance-military-job-turns-out-marathon/wOVpsPFOscZvVwwB22kFuN/story.html?p1=Article_Inline_Text_Link",
            "First shipment of about 6,000 pairs, Oct. 2018",
        ),
        Source(
            "https://americanmilitarynews.com/2019/01/new-enlistees-to-receive-free-american-made-athletic-shoes/",
            "Issue from Jan. 2019; more than 250,000 recruits a year",
        ),
    ),
    aliases=(
        "berry-amendment",
        "berry-compliant",
        "military",
        "dod",
        "dla",
        "recruits",
        "10-usc-4862",
        "2533a",
    ),
)

_KISSELL = Rule(
    id="kissell",
    title="Kissell Amendment (TSA and Coast Guard purchases)",
    label="Federal purchases of textiles, apparel and footwear by certain DHS agencies",
    jurisdiction="United States (federal procurement, Department of Homeland Security)",
    set_by="Congress; applied by the Department of Homeland Security",
    kind=RuleKind.PROCUREMENT,
    threshold="100% US inputs",
    summary=(
        "Textiles, apparel and footwear bought by the TSA and the Coast Guard must use 100% US "
        "inputs, where US trade-agreement commitments allow."
    ),
    details=(
        "The Kissell Amendment (6 U.S.C. 453b) applies a 100% US-input rule to textiles, "
        "apparel and footwear bought by certain Homeland Security agencies, in practice the "
        "TSA and the Coast Guard.",
        "It applies only where it fits US trade-agreement procurement commitments. Like the "
        "Berry Amendment it governs government buying, not consumer labels.",
    ),
    citations=("6 U.S.C. 453b",),
    sources=(
        Source("https://www.everycrsreport.com/reports/R44850.json", "CRS R44850"),
        Source(
            "https://www.everycrsreport.com/files/2018-12-20_IF10605_6d6c7343a734357e22e59526d7a3744898140afa.html",
            "CRS IF10605 (2018)",
        ),
    ),
    aliases=("kissell-amendment", "dhs", "tsa", "coast-guard", "6-usc-453b"),
)

_BUY_AMERICAN = Rule(
    id="buy-american",
    title="Buy American Act (general federal purchasing), for contrast",
    label='"Domestic end product" in federal purchasing',
    jurisdiction="United States (federal procurement)",
    set_by="FAR Council (DoD, GSA, NASA)",
    kind=RuleKind.PROCUREMENT,
    threshold="≥60% domestic component cost (65% for 2024-2028 deliveries, 75% from 2029)",
    summary=(
        "Ordinary federal purchases count a product as domestic when it is made in the US and "
        "enough of its component cost is domestic; the share is rising from 60% to 75%."
    ),
    details=(
        "For manufactured goods other than iron and steel, the end product must be made in "
        "the US and its domestic components must pass a cost-share threshold: more than 55% "
        "before Oct. 25, 2022; 60% from then; 65% for items delivered 2024 to 2028; 75% for "
        "items delivered from 2029.",
        "It shows that \"domestic\" means different things in different places: 55% to 75% of "
        'component cost in federal buying, 100% under Berry, and "all or virtually all" for a '
        'consumer "Made in USA" label.',
    ),
    citations=(
        "41 U.S.C. 8301-8305; FAR Part 25 (48 CFR Part 25)",
        "FAR final rule, 87 Fed. Reg. 12780 (Mar. 7, 2022), effective Oct. 25, 2022 (E.O. 14005)",
    ),
    sources=(
        Source(
            "https://regulations.justia.com/regulations/fedreg/2022/03/07/2022-04173.html",
            "FAC 2022-05 summary (60%, 65%, 75% schedule)",
        ),
        Source(
            "https://www.mayerbrown.com/en/perspectives-events/publications/2022/03/final-rule-strengthens-buy-american-act-requirements-for-us-government-contractors-and-their-supply-chains",
            "Two-part test and the earlier 55% threshold",
        ),
    ),
    aliases=("buy-american-act", "baa", "far", "far-25", "domestic-end-product"),
)

_CANADA = Rule(
    id="canada",
    title='Canada: "Product of Canada" and "Made in Canada"',
    label='"Product of Canada"; "Made in Canada with imported parts"',
    jurisdiction="Canada",
    set_by="Competition Bureau Canada",
    kind=RuleKind.GUIDANCE,
    threshold=(
        '≥98% Canadian costs ("Product of Canada"); ≥51% plus a qualifier ("Made in Canada")'
    ),
    summary=(
        '"Product of Canada" needs at least 98% of direct costs in Canada; "Made in Canada" '
        "needs at least 51% and a qualifier; both need the last substantial transformation in "
        "Canada."
    ),
    details=(
        "These are the Competition Bureau's enforcement guidelines for non-food goods, issued "
        "Dec. 22, 2009, in effect since July 1, 2010, with minor updates on Mar. 7, 2025. They "
        "apply the Competition Act, the Consumer Packaging and Labelling Act and the Textile "
        "Labelling Act.",
        '"Product of Canada": the last substantial transformation happened in Canada, and at '
        "least 98% of the total direct costs of making the good were incurred there.",
        '"Made in Canada": the last substantial transformation happened in Canada, at least '
        "51% of total direct costs were incurred there, and the claim carries a qualifier, "
        'such as "Made in Canada with imported parts", "Made in Canada with domestic and '
        'imported parts" or "Made in Canada with 60% Canadian content and 40% imported '
        'content". Narrower claims such as "Assembled in Canada with foreign parts" or "Sewn '
        'in Canada with imported fabric" are also suggested.',
        "A substantial transformation is a basic change in form, appearance or nature that "
        "leaves new and different goods (wording of the Bureau's earlier 2002 guide).",
        "Solereview's \"51% in Canada\" is the plain \"Made in Canada\" rule from before July "
        "2010. Today 51% supports only a qualified \"Made in Canada\"; an unqualified "
        '"Product of Canada" needs 98%.',
        "Canada imposes no general duty to state origin; a claim, if made, must not mislead. "
        "The figures come from law-firm summaries quoting guideline items 3.2.1 and 3.2.2 (the "
        "Bureau's page was seen, its text was not read). Separately, the CBSA requires origin "
        "marks on imports listed in Schedule I of its marking regulations; whether footwear is "
        "listed is not verified.",
    ),
    citations=(
        "Competition Act (false or misleading representations)",
        "Consumer Packaging and Labelling Act; Textile Labelling Act",
        'Competition Bureau Enforcement Guidelines, "Product of Canada" and "Made in Canada" '
        "Claims (Dec. 22, 2009; in effect July 1, 2010; minor updates Mar. 7, 2025)",
        "Determination of Country of Origin for the Purpose of Marking Goods (Non-NAFTA/CUSMA) "
        "Regulations, SOR/94-16",
    ),
    sources=(
        Source(
            "https://www.competitionbureau.gc.ca/eic/site/cb-bc.nsf/eng/03169.html",
            "Competition Bureau Enforcement Guidelines page (Dec. 22, 2009)",
        ),
        Source(
            "https://www.lexology.com/library/detail.aspx?g=7ab7cb91-61e8-4d10-98e2-62155c0c9846",
            "Guideline items 3.2.1 and 3.2.2 (98%; 51% plus qualifier)",
        ),
        Source(
            "http://www.mondaq.com/canada/x/242316/Trade+Regulation+Practices/Made+In+Canada+Guidelines",
            "In effect July 1, 2010; qualifying statements",
        ),
        Source(
            "https://www.dlapiper.com/en-ca/insights/publications/2025/02/made-in-canada-products-and-the-competition-act",
            "2025 summary with narrower claim examples",
        ),
        Source(
            "https://allianceuniversal.com/minor-updates-major-message-the-competition-bureau-clarifies-guidance-on-made-in-canada-and-product-of-canada-claims-stikeman-elliott-llp",
            "Mar. 7, 2025 update; no legal duty to disclose origin",
        ),
        Source(
            "http://answers.google.com/answers/threadview/id/601268.html",
            "Quotes the 2002 guide (51% rule; substantial transformation)",
        ),
        Source(
            "https://laws-lois.justice.gc.ca/eng/regulations/SOR-94-16/20060322/P1TT3xt3.html",
            "SOR/94-16 marking regulations",
        ),
    ),
    aliases=(
        "product-of-canada",
        "made-in-canada",
        "competition-bureau",
        "51",
        "98",
    ),
)

_EU = Rule(
    id="eu",
    title='European Union: origin rules and voluntary "Made in" marks',
    label='"Made in Italy", "Made in Portugal", "Made in EU"',
    jurisdiction="European Union",
    set_by="European Union (Commission; national customs and consumer authorities)",
    kind=RuleKind.LAW,
    threshold="None (no fixed %): last substantial, economically justified processing",
    summary=(
        "In the EU a good comes from where it had its last substantial, economically justified "
        'processing; "Made in" marks are voluntary but must not mislead.'
    ),
    details=(
        "Customs origin (Union Customs Code Art. 60, formerly Art. 24 of the Community Customs "
        "Code): a good made in more than one country originates where it underwent its last "
        "substantial, economically justified processing, in a plant equipped for it, producing "
        "a new product or an important stage of manufacture. There is no percentage.",
        "The EU's GSP rule for shoes (for example heading 6403) allows materials of any "
        "heading except assemblies of uppers fixed to inner soles or other sole parts (heading "
        "6406): attaching a sole to an imported upper-and-insole unit does not confer origin. "
        "This is a preferential rule only (Annex 22-03 of Delegated Regulation 2015/2446). "
        "Whether the non-preferential Annex 22-01 has a footwear (Chapter 64) rule was not "
        "verified.",
        'Origin marking of shoes is voluntary. A proposal to require "Made in" marks (Art. 7 '
        "of the 2013 Consumer Product Safety Regulation proposal, adopted by Parliament on "
        "Apr. 15, 2014) stalled in the Council; the 2023 General Product Safety Regulation does "
        "not appear to require origin marks (not explicitly checked).",
        "Misleading claims about geographical or commercial origin are caught by the Unfair "
        "Commercial Practices Directive, Art. 6(1)(b) (wording from memory, consistent with "
        "the UK's implementation).",
        "Shoes must carry composition labels under Directive 94/11/EC, naming the material "
        "that makes up at least 80% of the upper, of the lining and sock, and of the outsole. "
        "That is about materials, not origin.",
    ),
    citations=(
        "Union Customs Code, Regulation (EU) No 952/2013, Art. 60",
        "Commission Delegated Regulation (EU) 2015/2446, Annex 22-01 and Annex 22-03",
        "Unfair Commercial Practices Directive 2005/29/EC, Art. 6(1)(b)",
        "Directive 94/11/EC (footwear composition labelling)",
    ),
    sources=(
        Source(
            "http://wordscope.be/anglais/francais/Customer-Provided+Equipment+Regulation.html",
            "Quotes the Community Customs Code Art. 24 wording",
        ),
        Source(
            "http://www.wordscope.be/francais/anglais/économiques+préférentiels+union.html",
            "Quotes the Union Customs Code wording referring to Art. 60",
        ),
        Source(
            "https://rulesoforigin.org/calculate/rule/treaty:4/hsCode:640359",
            "EU GSP footwear rule (heading 6406 exclusion)",
        ),
        Source(
            "https://documents.pub/document/commission-delegated-regulation-eu-2015-of-28-july-2015-ec-2016-09-13-scope.html",
            "Annex 22-03 of Delegated Regulation 2015/2446",
        ),
        Source(
            "https://webiis05.mondaq.com/uk/international-trade-investment/308718/european-parliament-adopts-product-safety-and-market-surveillance-proposalsmandatory-origin-labeling-still-a-long-way-off",
            "CPSR Art. 7 as adopted by Parliament, Apr. 15, 2014",
        ),
        Source(
            "https://footwearbiz.com/News/138559",
            "Council stalemate on mandatory origin marking",
        ),
        Source(
            "https://www.lexology.com/library/detail.aspx?g=ff7bd38f-0f81-4e5f-94c7-a16d3d05368d",
            "Country of origin labelling is voluntary in Europe",
        ),
        Source(
            "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:02005L0029-20220528",
            "Unfair Commercial Practices Directive, consolidated text",
        ),
    ),
    aliases=("europe", "european-union", "made-in-eu", "ucc", "gsp", "94-11-ec"),
)

_UK = Rule(
    id="uk",
    title="United Kingdom: voluntary origin marks; misleading origin banned",
    label='"Made in UK", "Made in England"',
    jurisdiction="United Kingdom",
    set_by="UK Parliament; enforced by the CMA and local Trading Standards (HMRC for customs)",
    kind=RuleKind.LAW,
    threshold="None (no fixed %): no general marking duty; claims must not mislead",
    summary=(
        "The UK does not require origin marks on goods like shoes, but an origin claim that "
        "misleads is unlawful."
    ),
    details=(
        "Apart from certain products such as food, the UK does not require goods to be "
        "labelled with their country of origin (Government answers of Mar. 4, 2021 and Mar. 30, "
        "2022).",
        "Traders must not mislead about geographical or commercial origin. That ban sat in the "
        "Consumer Protection from Unfair Trading Regulations 2008 until 6 April 2025, when "
        "Part 4 of the Digital Markets, Competition and Consumers Act 2024 replaced them. The "
        "Trade Descriptions Act 1968 also treats place of manufacture as a trade description, "
        "though the 2008 Regulations largely took over.",
        "The Footwear (Indication of Composition) Labelling Regulations 1995 require the same "
        "80% composition labels as the EU directive; they are about materials, not origin.",
        "There is no general percentage for \"Made in UK\"; customs origin follows a last "
        "substantial transformation approach, but the post-Brexit instrument was not verified. "
        'New Balance also sells "Made in UK" shoes, which this tool does not cover.',
    ),
    citations=(
        "Consumer Protection from Unfair Trading Regulations 2008 (to Apr. 5, 2025)",
        "Digital Markets, Competition and Consumers Act 2024, Part 4 Ch. 1 (from Apr. 6, 2025)",
        "Footwear (Indication of Composition) Labelling Regulations 1995, SI 1995/2489",
        "Trade Descriptions Act 1968",
    ),
    sources=(
        Source(
            "https://parallelparliament.co.uk/question/HL7007/consumer-goods-origin-marking",
            "Government answer, Mar. 30, 2022",
        ),
        Source(
            "https://streetguide.co.uk/parliament/written/1293688/4788",
            "Government answer, Mar. 4, 2021",
        ),
        Source(
            "http://www.legislation.gov.uk/uksi/1995/2489/note/made?view=plain",
            "Footwear composition labelling regulations 1995 (80% rule)",
        ),
        Source(
            "https://www.mondaq.com/uk/dodd-frank-consumer-protection-act/1596374/get-dmcc-ready-changes-to-consumer-law-and-its-enforcement-to-take-effect-from-6-april-2025",
            "DMCCA Part 4 replaces the 2008 Regulations from Apr. 6, 2025",
        ),
    ),
    aliases=("britain", "great-britain", "united-kingdom", "england", "made-in-uk", "dmcca"),
)

_AUSTRALIA = Rule(
    id="australia",
    title='Australia: "Made in Australia" safe harbour and the Australian Made logo',
    label='"Made in Australia", "Product of Australia", the "Australian Made" logo',
    jurisdiction="Australia",
    set_by="ACCC (Australian Consumer Law); Australian Made Campaign Ltd for the logo",
    kind=RuleKind.LAW,
    threshold="None (no fixed %) since 2017, when the 50% cost test was removed",
    summary=(
        '"Made in Australia" needs the last substantial transformation in Australia, with no '
        "minimum Australian share since 2017."
    ),
    details=(
        "The Australian Consumer Law bans misleading conduct and false or misleading "
        "representations (s.18 and s.29(1)(k)); Part 5-3 gives safe harbours for origin "
        'claims. A "made in", "manufactured in" or "originates in" claim is safe when the goods '
        "were last substantially transformed in that country.",
        "Substantial transformation means that, through processes in that country, the goods "
        'became "fundamentally different in identity, nature or essential character" from '
        "every imported input. Simple assembly of imported parts does not qualify.",
        "A 2017 amendment (Royal Assent Feb. 22, 2017) dropped the old requirement that at "
        "least 50% of the cost of production be Australian.",
        'The green-and-gold "Australian Made" logo is a certification trade mark (IP Australia '
        "TM 451318) licensed by Australian Made Campaign Ltd. It uses the same test, and its "
        "FAQ indicates no minimum percentage of Australian content.",
        "Shoes were a prescribed import needing a trade description under the 1940 import "
        "regulations; whether that continues under the Commerce (Trade Descriptions) "
        "Regulation 2016 (from Apr. 1, 2017) was not verified.",
    ),
    citations=(
        "Australian Consumer Law (Sch. 2, Competition and Consumer Act 2010) s.18, s.29(1)(k); "
        "Part 5-3 (s.255)",
        "Competition and Consumer Amendment (Country of Origin) Act 2017",
        "Commerce (Trade Descriptions) Act 1905; Commerce (Trade Descriptions) Regulation 2016",
        "Australian Made, Australian Grown logo, certification trade mark TM 451318",
    ),
    sources=(
        Source(
            "https://www.lexology.com/library/detail.aspx?g=35f27fbf-90c4-4a8e-9b36-66c35ff1b0f8",
            "2017 Act: 50% test removed; new substantial-transformation definition",
        ),
        Source(
            "http://webiis05.mondaq.com/australia/x/580714/Consumer+Trading+Unfair+Trading/New+country+of+origin+amendments+to+the+Competition+and+Consumer+Act+2010+Cth",
            "Royal Assent Feb. 22, 2017; the former s.255 safe harbour",
        ),
        Source(
            "https://australianmade.com.au/why-buy-australian-made/faqs",
            "Australian Made FAQ: last substantial transformation in Australia",
        ),
        Source(
            "https://www.ipaustralia.gov.au/tools-resources/certification-rules/451318",
            "Australian Made certification trade mark rules",
        ),
        Source(
            "http://classic.austlii.edu.au/au/legis/cth/num_reg_es/cr1997n334407.html",
            "1997 explanatory statement: shoes prescribed under the 1940 regulations",
        ),
        Source(
            "https://www.lexology.com/library/detail.aspx?g=fe916292-f50c-42a3-a453-aeca7dacd0df",
            "Commerce (Trade Descriptions) Regulation 2016 from Apr. 1, 2017",
        ),
    ),
    aliases=("au", "australian-made", "made-in-australia", "product-of-australia", "acl", "accc"),
)

_JAPAN = Rule(
    id="japan",
    title="Japan: misleading origin representations",
    label='"Made in Japan"',
    jurisdiction="Japan",
    set_by="Consumer Affairs Agency (formerly the JFTC); Japan Customs",
    kind=RuleKind.LAW,
    threshold="None (no fixed %): last substantial transformation, usually a change of HS heading",
    summary=(
        "Japan bans misleading origin representations; customs origin is the last substantial "
        "transformation, and no general duty to mark shoes was found."
    ),
    details=(
        "The Act against Unjustifiable Premiums and Misleading Representations (Act No. 134 of "
        "1962) prohibits misleading representations, including about place of origin; the "
        "Customs Act bars goods with false or misleading origin marks (per a secondary "
        "summary).",
        "Non-preferential customs origin is the last substantial transformation that gives the "
        "good a new character, generally a change of 4-digit HS heading.",
        "No general rule requiring origin marks on shoes at import was found. A 1973 JFTC "
        "notification on country-of-origin representations was not verified. Low priority for "
        "a US-focused tool.",
    ),
    citations=(
        "Act against Unjustifiable Premiums and Misleading Representations (Act No. 134 of 1962)",
        "Customs Act Art. 71 (per secondary summary)",
    ),
    sources=(
        Source(
            "https://e-trips.wto.org/en/LawArticle632Notifications/View/5829?DataLanguage=English",
            "WTO notification: Act No. 134 of 1962 and false origin representations",
        ),
        Source(
            "http://asianlii.org/apec/other/agrmt/arooj213",
            "APEC summary of Japan's origin rules",
        ),
        Source(
            "http://www.itsilkroad.com/Board/Archive/Detail?seq=10132&uni=p4cn0b",
            "Summary of Japan's origin labelling system",
        ),
    ),
    aliases=("jp", "made-in-japan"),
)

# Reading order: the US consumer standard first, then what buyers trip over (NB, California,
# Customs), then procurement, then other countries for comparison.
RULES: tuple[Rule, ...] = (
    _FTC_MADE_IN_USA,
    _FTC_QUALIFIED,
    _FTC_ASSEMBLED,
    _NB_70,
    _CALIFORNIA,
    _CUSTOMS,
    _TEXTILE_ACTS,
    _BERRY,
    _KISSELL,
    _BUY_AMERICAN,
    _CANADA,
    _EU,
    _UK,
    _AUSTRALIA,
    _JAPAN,
)

RULES_BY_ID = MappingProxyType({rule.id: rule for rule in RULES})
TOPICS: tuple[str, ...] = tuple(rule.id for rule in RULES)


def topic_names() -> list[str]:
    """The canonical topic ids, in reading order."""
    return list(TOPICS)


# --------------------------------------------------------------------------- topic lookup

_DROPPED = re.compile(r"[.'’§%]")  # "U.S.C." -> "usc", "§17533.7" -> "175337", "70%" -> "70"
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NOISE_PREFIX = re.compile(r"^(?:explain|topic|rule)-")


def normalise_topic(text: str) -> str:
    """Fold a topic as typed ("§ 17533.7", "NB 70", "Berry_Amendment") to a kebab key."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = _DROPPED.sub("", folded.lower())
    return _NON_ALNUM.sub("-", folded).strip("-")


def _compact(key: str) -> str:
    # "nb70", "berryamendment": people drop the separators too.
    return key.replace("-", "")


def _build_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for rule in RULES:
        for name in (rule.id, *rule.aliases):
            index.setdefault(_compact(normalise_topic(name)), rule.id)
    return index


_INDEX = _build_index()  # compact key -> rule id


def suggest_topics(topic: str, limit: int = 5) -> tuple[str, ...]:
    """Topic ids that look like `topic` (difflib), or every id when nothing is close."""
    key = _compact(normalise_topic(topic))
    close = difflib.get_close_matches(key, list(_INDEX), n=limit * 3, cutoff=0.6)
    ids = tuple(dict.fromkeys(_INDEX[name] for name in close))[:limit]
    return ids or TOPICS


def find_rule(topic: str) -> Rule:
    """Resolve a typed topic to a rule: exact id or alias first, then a unique prefix.

    Raises UnknownTopic (with suggestions) when nothing matches or a prefix is ambiguous.
    """
    key = normalise_topic(topic)
    candidates = [key]
    stripped = _NOISE_PREFIX.sub("", key)
    if stripped != key:
        candidates.append(stripped)  # "explain california" as typed from the command line
    for candidate in candidates:
        compact = _compact(candidate)
        if not compact:
            continue
        if compact in _INDEX:
            return RULES_BY_ID[_INDEX[compact]]
        hits = tuple(
            dict.fromkeys(rid for name, rid in _INDEX.items() if name.startswith(compact))
        )
        if len(hits) == 1:
            return RULES_BY_ID[hits[0]]
        if len(hits) > 1:
            raise UnknownTopic(topic, hits)
    raise UnknownTopic(topic, suggest_topics(topic))
