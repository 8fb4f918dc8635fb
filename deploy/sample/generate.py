#!/usr/bin/env python3
"""Generates the ILLUSTRATIVE sample market in deploy/sample/.

Forty fictional providers of children's homes and independent fostering
agencies (IFAs) in England, calibrated to the public figures collected in
shared/domain.md (CMA children's social care market study, 2021-22; LGA /
Revolution Consulting; Ofsted), written in the input format of
docs/data-format.md. Every provider, setting and lender name is invented;
the local-authority names and regions are real (the placing authorities).
See README.md in this folder for the construction and the outcome the engine
is expected to give for each deliberate case.

Deterministic: a fixed seed, no clock, no environment; running it twice
writes byte-identical files. Python 3 standard library only.

    python3 deploy/sample/generate.py [--out DIR] [--summary]
    python3 deploy/sample/generate.py --check   # exit 1 if the committed files are stale

Money is in whole pounds. The script asserts the engine's validation rules
(docs/data-format.md, risk/domain/validation.h) on every record it writes.
"""

from __future__ import annotations

import argparse
import calendar
import csv
import datetime as dt
import math
import os
import random
from dataclasses import dataclass, field
from typing import Optional

SEED = 20260331
AS_OF = dt.date(2026, 3, 31)

# ---------------------------------------------------------------------------
# Calibration constants (shared/domain.md s.3 and s.6)
# ---------------------------------------------------------------------------

# CMA: the average weekly children's-home price rose from £2,977 to £3,830
# over 2016-2020 (about 6.5% a year). The sample replays that path over its
# own financial years FY2021..FY2025, so the latest year averages £3,830.
HOME_FEE_LATEST = 3830.0
HOME_FEE_GROWTH = (3830.0 / 2977.0) ** 0.25 - 1.0  # 6.5% a year
# CMA interim report: IFA placements about £820 a week, falling in real terms
# (flat-ish nominal).
IFA_FEE_LATEST = 820.0
IFA_FEE_GROWTH = 0.01

# Approximate average SONIA over the twelve months to a financial year end,
# by the calendar year the year ends in (Bank of England series, rounded;
# illustrative).
SONIA_FY_AVERAGE = {2021: 0.0005, 2022: 0.0090, 2023: 0.0400, 2024: 0.0510, 2025: 0.0440}

# UK corporation tax main rate by the year a financial year ends in (19% to
# March 2023, 25% from April 2023; the blended year rounded).
TAX_RATE = {2021: 0.19, 2022: 0.19, 2023: 0.235, 2024: 0.25, 2025: 0.25}

# ---------------------------------------------------------------------------
# Local authorities (real English authorities with children's services and
# their ONS region). 80 of the 153; all nine regions.
# ---------------------------------------------------------------------------

LOCAL_AUTHORITIES = {
    "north_east": ["Newcastle upon Tyne", "Sunderland", "Gateshead", "County Durham",
                   "Northumberland", "Middlesbrough", "Stockton-on-Tees", "South Tyneside"],
    "north_west": ["Manchester", "Liverpool", "Lancashire", "Salford", "Wigan", "Bolton",
                   "Stockport", "Wirral", "Blackpool", "Cheshire East"],
    "yorkshire_and_the_humber": ["Leeds", "Sheffield", "Bradford", "Kirklees", "Wakefield",
                                 "Doncaster", "Rotherham", "Kingston upon Hull", "North Yorkshire"],
    "east_midlands": ["Nottingham", "Nottinghamshire", "Derby", "Derbyshire", "Leicester",
                      "Leicestershire", "Lincolnshire", "West Northamptonshire"],
    "west_midlands": ["Birmingham", "Coventry", "Wolverhampton", "Dudley", "Sandwell",
                      "Walsall", "Staffordshire", "Stoke-on-Trent", "Shropshire"],
    "east_of_england": ["Essex", "Hertfordshire", "Norfolk", "Suffolk", "Cambridgeshire",
                        "Peterborough", "Luton", "Thurrock"],
    "london": ["Croydon", "Lambeth", "Southwark", "Hackney", "Tower Hamlets", "Newham",
               "Barnet", "Ealing", "Enfield", "Lewisham"],
    "south_east": ["Kent", "Medway", "Surrey", "Hampshire", "West Sussex", "East Sussex",
                   "Brighton and Hove", "Oxfordshire", "Buckinghamshire", "Milton Keynes"],
    "south_west": ["Bristol", "Devon", "Cornwall", "Plymouth", "Somerset", "Gloucestershire",
                   "Wiltshire", "Bournemouth, Christchurch and Poole"],
}
REGIONS = list(LOCAL_AUTHORITIES)
# Prices are higher in London and the South East (regional weighting of the
# provider's average fee; the revenue identity uses the weighted fees).
REGION_FEE_FACTOR = {"london": 1.10, "south_east": 1.05, "east_of_england": 1.02,
                     "south_west": 1.00, "west_midlands": 0.98, "east_midlands": 0.97,
                     "north_west": 0.97, "yorkshire_and_the_humber": 0.96, "north_east": 0.95}

# ---------------------------------------------------------------------------
# Provider specifications
# ---------------------------------------------------------------------------


@dataclass
class Facility:
    facility_id: str
    lender: str
    committed: int
    drawn: int
    start: dt.date
    maturity: dt.date
    rate_type: str                      # fixed | floating
    rate: float                         # fixed rate, or margin over SONIA
    amortisation: int = 0
    max_net_leverage: Optional[float] = None
    min_interest_cover: Optional[float] = None
    first_test: Optional[dt.date] = None
    frequency: int = 3


@dataclass
class Flows:
    """Related-party flows in the latest year; earlier years scale with revenue."""
    management_charges: int = 0
    connected_rent: int = 0
    shareholder_loan_interest: int = 0
    dividends: int = 0


@dataclass
class Spec:
    pid: str
    name: str
    kind: str                     # childrens_homes | independent_fostering_agency | both
    ownership: str
    group: str = ""
    status: str = "active"
    home_children: int = 0        # children placed in the provider's homes at AS_OF
    ifa_children: int = 0         # children placed with its foster carers at AS_OF
    fee_factor: float = 1.0       # provider's average fee relative to the sample mean
    regions: int = 2              # number of regions it places children from
    ebitda_margin: float = 0.20   # latest year
    margin_start: Optional[float] = None  # oldest year (linear path); None = flat
    ebitda_target: Optional[int] = None   # overrides the latest margin (pounds)
    da_ratio: float = 0.02        # depreciation and amortisation / revenue
    rent_ratio: float = 0.03
    volume_growth: float = 0.04   # children placed, a year
    years: int = 4
    year_end: dt.date = dt.date(2025, 9, 30)
    filing_lag_days: int = 150
    tfa_ratio: float = 0.30       # tangible fixed assets / revenue
    goodwill: int = 0
    cash: Optional[int] = None    # latest year; None = cash_ratio x revenue
    cash_ratio: float = 0.10
    paid_in: int = 100            # share capital and premium (retained earnings = NA - paid_in)
    shareholder_loan: int = 0     # loan notes included in borrowings
    lease_liabilities: int = 0    # IFRS 16 reporters only (right-of-use asset of the same size)
    facilities: list = field(default_factory=list)
    flows: Optional[Flows] = None
    going_concern: bool = False
    occupancy: float = 0.88
    filleted: bool = False        # abridged accounts without a profit and loss account
    judgement_bias: float = 0.0   # >0 worse Ofsted judgements
    note: str = ""


D = dt.date


def specs() -> list[Spec]:
    s: list[Spec] = []
    # -- The private-equity group of domain.md s.3: £165m of loans, quarterly
    #    leverage covenant 7.4x tested at 4.9x (headroom about £11.4m EBITDA).
    s.append(Spec("P001", "Harbourline Care Group Ltd", "childrens_homes", "private_equity",
                  group="HARBOURLINE", home_children=640, fee_factor=1.03, regions=7,
                  ebitda_target=33_673_469, margin_start=0.255, da_ratio=0.030, rent_ratio=0.05,
                  volume_growth=0.05, years=5, tfa_ratio=0.70, goodwill=228_000_000, cash=2_000_000,
                  paid_in=170_000_000,
                  facilities=[
                      Facility("TLB", "Northgate Credit Partners (illustrative)", 150_000_000, 150_000_000,
                               D(2022, 7, 29), D(2029, 7, 29), "floating", 0.0525,
                               max_net_leverage=7.4, first_test=D(2022, 12, 31)),
                      Facility("RCF", "Northgate Credit Partners (illustrative)", 40_000_000, 17_000_000,
                               D(2022, 7, 29), D(2028, 7, 29), "floating", 0.0425)],
                  flows=Flows(management_charges=2_000_000)))
    s.append(Spec("P002", "Harbourline Fostering Ltd", "independent_fostering_agency", "private_equity",
                  group="HARBOURLINE", ifa_children=190, regions=3, ebitda_margin=0.185, da_ratio=0.01,
                  rent_ratio=0.015, tfa_ratio=0.02, cash_ratio=0.12, years=5))
    # -- Near failure 1: breached covenants, facilities maturing within 12
    #    months, too little liquidity.
    s.append(Spec("P003", "Thornvale Children's Services Ltd", "childrens_homes", "private_equity",
                  group="THORNVALE", home_children=470, fee_factor=1.05, regions=6,
                  ebitda_target=14_000_000, margin_start=0.24, da_ratio=0.03, rent_ratio=0.06,
                  volume_growth=-0.02, years=5, tfa_ratio=0.35, goodwill=120_000_000, cash=3_500_000,
                  paid_in=60_000_000, judgement_bias=0.35, occupancy=0.80,
                  facilities=[
                      Facility("TL", "Ardent Direct Lending (illustrative)", 115_000_000, 115_000_000,
                               D(2019, 12, 20), D(2026, 12, 18), "floating", 0.0600,
                               max_net_leverage=7.0, min_interest_cover=2.0, first_test=D(2020, 3, 31)),
                      Facility("RCF", "Ardent Direct Lending (illustrative)", 12_000_000, 12_000_000,
                               D(2019, 12, 20), D(2026, 9, 30), "floating", 0.0475)],
                  flows=Flows(management_charges=1_500_000)))
    # -- Near failure 2: going-concern material uncertainty, covenant headroom
    #    under 10% of the limit, unitranche maturing in 15 months.
    s.append(Spec("P004", "Kestrelmoor Group Ltd", "both", "private_equity", group="KESTRELMOOR",
                  home_children=380, ifa_children=600, regions=7, ebitda_target=17_500_000,
                  margin_start=0.23, da_ratio=0.025, rent_ratio=0.05, volume_growth=0.0, years=4,
                  tfa_ratio=0.25, goodwill=150_000_000, cash=3_000_000, paid_in=70_000_000,
                  going_concern=True, judgement_bias=0.15,
                  facilities=[
                      Facility("UNI", "Calder Bridge Capital (illustrative)", 145_000_000, 145_000_000,
                               D(2021, 6, 30), D(2027, 6, 30), "floating", 0.0650,
                               max_net_leverage=8.5, first_test=D(2021, 9, 30)),
                      Facility("RCF", "Calder Bridge Capital (illustrative)", 10_000_000, 0,
                               D(2021, 6, 30), D(2027, 6, 30), "floating", 0.0450)],
                  flows=Flows(management_charges=1_200_000, shareholder_loan_interest=0)))
    # -- Near failure 3: leverage covenant breached, negative net tangible assets.
    s.append(Spec("P005", "Cindermoor Fostering Ltd", "independent_fostering_agency", "private_equity",
                  group="CINDERMOOR", ifa_children=1150, fee_factor=0.975, regions=5,
                  ebitda_target=6_200_000, margin_start=0.20, da_ratio=0.01, rent_ratio=0.02,
                  volume_growth=-0.04, years=4, tfa_ratio=0.02, goodwill=55_000_000, cash=2_000_000,
                  paid_in=14_000_000,
                  facilities=[
                      Facility("TLB", "Wexcombe Private Debt (illustrative)", 50_000_000, 50_000_000,
                               D(2021, 3, 31), D(2028, 3, 31), "floating", 0.0575,
                               max_net_leverage=7.25, first_test=D(2021, 6, 30))],
                  flows=Flows(management_charges=600_000)))
    # -- In administration (company status), loss-making, going-concern doubt.
    s.append(Spec("P006", "Brackenholt Homes Ltd", "childrens_homes", "other_private",
                  status="administration", home_children=58, fee_factor=0.97, regions=2,
                  ebitda_margin=-0.03, margin_start=0.12, da_ratio=0.03, rent_ratio=0.09,
                  volume_growth=-0.05, years=4, year_end=D(2025, 7, 31), filing_lag_days=175,
                  tfa_ratio=0.10, cash=150_000, going_concern=True, judgement_bias=0.5,
                  facilities=[
                      Facility("OD", "Fallowmere Bank (illustrative)", 1_500_000, 1_500_000,
                               D(2023, 1, 31), D(2026, 1, 31), "floating", 0.0450)]))
    # -- Excess profits: asset-light, high ROCE, profit taken out through
    #    related parties.
    s.append(Spec("P007", "Wrenfold Fostering Ltd", "independent_fostering_agency", "other_private",
                  ifa_children=2750, fee_factor=1.02, regions=8, ebitda_margin=0.204,
                  margin_start=0.195, da_ratio=0.010, rent_ratio=0.012, volume_growth=0.03, years=5,
                  tfa_ratio=0.03, cash_ratio=0.12,
                  flows=Flows(management_charges=6_500_000, dividends=14_000_000)))
    s.append(Spec("P008", "Ravensmere Care plc", "both", "listed", group="RAVENSMERE",
                  home_children=900, ifa_children=1400, fee_factor=1.03, regions=9,
                  ebitda_margin=0.245, margin_start=0.235, da_ratio=0.035, rent_ratio=0.01,
                  volume_growth=0.04, years=5, year_end=D(2025, 12, 31), filing_lag_days=79,
                  tfa_ratio=1.05, goodwill=90_000_000, cash_ratio=0.06, paid_in=150_000_000,
                  lease_liabilities=55_000_000,
                  facilities=[
                      Facility("RCF", "Consortium of four banks (illustrative)", 80_000_000, 45_000_000,
                               D(2023, 11, 30), D(2028, 11, 30), "floating", 0.0225,
                               max_net_leverage=3.0, min_interest_cover=4.0, first_test=D(2024, 6, 30),
                               frequency=6)],
                  flows=Flows(dividends=18_000_000)))
    s.append(Spec("P009", "Pellingford Homes Ltd", "childrens_homes", "private_equity", group="PELLINGFORD",
                  home_children=300, fee_factor=1.085, regions=4, ebitda_margin=0.26, margin_start=0.25,
                  da_ratio=0.02, rent_ratio=0.085, volume_growth=0.06, years=4, tfa_ratio=0.08,
                  goodwill=18_000_000, cash=6_000_000, paid_in=5_000_000, shareholder_loan=30_000_000,
                  facilities=[
                      Facility("TL", "Sallowby Bank (illustrative)", 25_000_000, 25_000_000,
                               D(2022, 4, 1), D(2029, 3, 31), "fixed", 0.0675, amortisation=1_000_000,
                               max_net_leverage=4.5, min_interest_cover=2.5, first_test=D(2022, 6, 30))],
                  flows=Flows(management_charges=3_200_000, connected_rent=4_100_000,
                              shareholder_loan_interest=3_600_000)))
    s.append(Spec("P010", "Quillbrook Fostering Ltd", "independent_fostering_agency", "other_private",
                  ifa_children=1050, fee_factor=1.05, regions=5, ebitda_margin=0.24, margin_start=0.22,
                  da_ratio=0.008, rent_ratio=0.012, volume_growth=0.05, years=4, tfa_ratio=0.02,
                  cash_ratio=0.10, flows=Flows(management_charges=2_400_000, dividends=8_000_000)))
    # -- The take-private group (domain.md s.3: taken private in 2022 at 12.6x
    #    underlying EBITDA); leveraged but within its covenants.
    s.append(Spec("P011", "Asterby Group Ltd", "both", "private_equity", group="ASTERBY",
                  home_children=820, ifa_children=1900, fee_factor=1.02, regions=9,
                  ebitda_margin=0.23, margin_start=0.225, da_ratio=0.03, rent_ratio=0.04, volume_growth=0.04,
                  years=4, tfa_ratio=0.65, goodwill=340_000_000, cash=12_000_000, paid_in=300_000_000,
                  facilities=[
                      Facility("TLB", "Merrow Lane Credit (illustrative)", 250_000_000, 250_000_000,
                               D(2022, 8, 31), D(2029, 8, 31), "floating", 0.0500,
                               max_net_leverage=6.5, min_interest_cover=1.75, first_test=D(2022, 12, 31)),
                      Facility("RCF", "Merrow Lane Credit (illustrative)", 40_000_000, 15_000_000,
                               D(2022, 8, 31), D(2029, 2, 28), "floating", 0.0400)],
                  flows=Flows(management_charges=2_500_000)))
    # -- Moderately leveraged private-equity providers, comfortable covenants.
    s.append(Spec("P012", "Brindlecote Care Ltd", "childrens_homes", "private_equity", group="BRINDLECOTE",
                  home_children=210, fee_factor=1.01, regions=3, ebitda_margin=0.22, da_ratio=0.03,
                  rent_ratio=0.05, volume_growth=0.04, years=4, tfa_ratio=0.45, goodwill=40_000_000,
                  cash=4_000_000, paid_in=30_000_000,
                  facilities=[
                      Facility("TL", "Sallowby Bank (illustrative)", 38_000_000, 37_000_000,
                               D(2023, 2, 28), D(2029, 2, 28), "floating", 0.0475,
                               max_net_leverage=5.5, min_interest_cover=2.25, first_test=D(2023, 6, 30))]))
    s.append(Spec("P013", "Elderwick Fostering Ltd", "independent_fostering_agency", "private_equity",
                  group="ELDERWICK", ifa_children=880, fee_factor=0.99, regions=4, ebitda_margin=0.18,
                  da_ratio=0.01, rent_ratio=0.015, volume_growth=0.03, years=4, tfa_ratio=0.02,
                  goodwill=30_000_000, cash=3_000_000, paid_in=20_000_000,
                  facilities=[
                      Facility("TL", "Northgate Credit Partners (illustrative)", 20_000_000, 18_000_000,
                               D(2023, 5, 31), D(2029, 5, 31), "floating", 0.0500, amortisation=1_000_000,
                               max_net_leverage=5.0, min_interest_cover=2.0, first_test=D(2023, 9, 30))]))
    s.append(Spec("P014", "Foxlowe Children's Services Ltd", "childrens_homes", "private_equity",
                  group="FOXLOWE", home_children=160, fee_factor=1.00, regions=2, ebitda_margin=0.235,
                  da_ratio=0.03, rent_ratio=0.05, volume_growth=0.05, years=3, year_end=D(2025, 8, 31),
                  tfa_ratio=0.40, goodwill=32_000_000, cash=3_000_000, paid_in=25_000_000,
                  facilities=[
                      Facility("TL", "Calder Bridge Capital (illustrative)", 32_000_000, 31_000_000,
                               D(2023, 1, 31), D(2029, 1, 31), "floating", 0.0450,
                               max_net_leverage=6.0, min_interest_cover=2.0, first_test=D(2023, 3, 31))]))
    # -- Healthy, with a small loan maturing within 12 months and ample cash
    #    to repay it (a refinancing wall without a liquidity problem).
    s.append(Spec("P015", "Duneholme Homes Ltd", "childrens_homes", "other_private",
                  home_children=120, fee_factor=0.98, regions=2, ebitda_margin=0.21, da_ratio=0.03,
                  rent_ratio=0.02, volume_growth=0.03, years=4, tfa_ratio=0.80, cash=9_000_000,
                  facilities=[
                      Facility("TL", "Fallowmere Bank (illustrative)", 6_000_000, 6_000_000,
                               D(2019, 11, 30), D(2026, 11, 30), "fixed", 0.0550)]))
    # -- Voluntary (charitable) providers: thin surpluses, no tax.
    s.append(Spec("P016", "Fernhallow Children's Trust", "childrens_homes", "voluntary",
                  home_children=140, fee_factor=0.97, regions=2, ebitda_margin=0.055, da_ratio=0.025,
                  rent_ratio=0.02, volume_growth=0.02, years=4, year_end=D(2025, 8, 31), tfa_ratio=0.60,
                  cash_ratio=0.15, paid_in=0))
    s.append(Spec("P017", "Sedgewater Family Placement", "independent_fostering_agency", "voluntary",
                  ifa_children=190, fee_factor=0.96, regions=2, ebitda_margin=0.035, da_ratio=0.008,
                  rent_ratio=0.02, volume_growth=0.01, years=4, year_end=D(2025, 8, 31), tfa_ratio=0.03,
                  cash_ratio=0.18, paid_in=0))
    s.append(Spec("P018", "Marrowdene Trust", "both", "voluntary", home_children=60, ifa_children=130,
                  fee_factor=0.97, regions=2, ebitda_margin=0.045, da_ratio=0.02, rent_ratio=0.02,
                  volume_growth=0.02, years=5, year_end=D(2025, 8, 31), tfa_ratio=0.55, cash_ratio=0.14,
                  paid_in=0))
    s.append(Spec("P019", "Hollinsgate Foundation", "childrens_homes", "voluntary", home_children=36,
                  fee_factor=0.96, regions=1, ebitda_margin=0.05, da_ratio=0.02, rent_ratio=0.01,
                  volume_growth=0.0, years=3, year_end=D(2025, 8, 31), tfa_ratio=0.90, cash_ratio=0.12,
                  paid_in=0,
                  facilities=[
                      Facility("MORT", "Fallowmere Bank (illustrative)", 3_000_000, 2_400_000,
                               D(2018, 9, 1), D(2033, 8, 31), "fixed", 0.0450, amortisation=200_000)]))
    s.append(Spec("P020", "Tallowfield Fostering", "independent_fostering_agency", "voluntary",
                  ifa_children=150, fee_factor=0.95, regions=1, ebitda_margin=0.03, da_ratio=0.01,
                  rent_ratio=0.02, volume_growth=0.0, years=3, year_end=D(2025, 8, 31), tfa_ratio=0.03,
                  cash_ratio=0.20, paid_in=0))
    s.append(Spec("P021", "Orrinsby Community Care", "childrens_homes", "voluntary", home_children=60,
                  fee_factor=0.96, regions=1, ebitda_margin=0.035, margin_start=0.01, da_ratio=0.02,
                  rent_ratio=0.02, volume_growth=0.02, years=4, year_end=D(2025, 8, 31), tfa_ratio=0.70,
                  cash_ratio=0.10, paid_in=0))
    # -- A local-authority trading company (homes transferred from a council).
    s.append(Spec("P022", "Lowmarsh Children's Homes Ltd", "childrens_homes", "local_authority",
                  home_children=48, fee_factor=0.95, regions=1, ebitda_margin=0.045, da_ratio=0.02,
                  rent_ratio=0.05, volume_growth=0.02, years=3, year_end=D(2025, 8, 31), tfa_ratio=0.10,
                  cash_ratio=0.10, paid_in=1_000_000))
    # -- Accounts overdue: the latest accounts end 2023-06-30; the next ones
    #    were due 2025-03-31 (Companies Act 2006 s.442, 9 months).
    s.append(Spec("P023", "Gorsefield Fostering Ltd", "independent_fostering_agency", "other_private",
                  ifa_children=95, fee_factor=0.98, regions=1, ebitda_margin=0.12, da_ratio=0.01,
                  rent_ratio=0.02, volume_growth=0.02, years=3, year_end=D(2023, 6, 30),
                  filing_lag_days=270, tfa_ratio=0.03, cash_ratio=0.10))
    # -- Filleted small-company accounts: balance sheet only, no profit and
    #    loss account (FRS 102 s.1A); must be "insufficient data", not zeros.
    s.append(Spec("P024", "Copperbeck Care Ltd", "childrens_homes", "other_private", home_children=6,
                  fee_factor=1.00, regions=1, ebitda_margin=0.15, da_ratio=0.02, rent_ratio=0.08,
                  volume_growth=0.0, years=3, year_end=D(2025, 6, 30), filing_lag_days=250, tfa_ratio=0.15,
                  cash_ratio=0.08, filleted=True, occupancy=0.86))
    # -- The healthy majority: family-owned and other private providers of
    #    different sizes, and two more PE-backed ones with light debt.
    healthy = [
        # pid, name, kind, children (homes, ifa), fee, regions, margin, year_end, years
        ("P025", "Ashcombe Vale Homes Ltd", "childrens_homes", 180, 0, 1.00, 3, 0.205, D(2025, 9, 30), 5),
        ("P026", "Tansey Brook Care Ltd", "childrens_homes", 95, 0, 0.99, 2, 0.19, D(2025, 8, 31), 4),
        ("P027", "Ollerton Fields Children's Homes Ltd", "childrens_homes", 64, 0, 1.02, 2, 0.17,
         D(2025, 9, 30), 4),
        ("P028", "Saltersgill Residential Ltd", "childrens_homes", 42, 0, 0.98, 1, 0.16, D(2025, 7, 31), 3),
        ("P029", "Wickerby Homes for Children Ltd", "childrens_homes", 30, 0, 1.01, 1, 0.18,
         D(2025, 8, 31), 3),
        ("P030", "Pennyfold Care Ltd", "childrens_homes", 24, 0, 0.97, 1, 0.14, D(2025, 9, 30), 3),
        ("P031", "Hartsmere Therapeutic Care Ltd", "childrens_homes", 75, 0, 1.12, 2, 0.21,
         D(2025, 12, 31), 4),
        ("P032", "Coldharbour Lane Homes Ltd", "childrens_homes", 18, 0, 1.06, 1, 0.15, D(2025, 7, 31), 3),
        ("P033", "Meadowcroft Fostering Ltd", "independent_fostering_agency", 0, 640, 1.00, 3, 0.165,
         D(2025, 9, 30), 5),
        ("P034", "Brightwater Family Fostering Ltd", "independent_fostering_agency", 0, 190, 0.99, 2, 0.15,
         D(2025, 8, 31), 4),
        ("P035", "Kingsmead Foster Care Ltd", "independent_fostering_agency", 0, 150, 1.00, 2, 0.14,
         D(2025, 9, 30), 4),
        ("P036", "Linnet Lane Fostering Ltd", "independent_fostering_agency", 0, 120, 0.98, 1, 0.12,
         D(2025, 7, 31), 3),
        ("P037", "Amberholt Fostering Ltd", "independent_fostering_agency", 0, 85, 1.01, 1, 0.11,
         D(2025, 8, 31), 3),
        ("P038", "Stonechat Care and Fostering Ltd", "both", 40, 150, 1.00, 2, 0.16, D(2025, 9, 30), 4),
    ]
    for pid, name, kind, hc, fc, fee, regions, margin, ye, years in healthy:
        is_homes = hc > 0
        s.append(Spec(pid, name, kind, "other_private", home_children=hc, ifa_children=fc, fee_factor=fee,
                      regions=regions, ebitda_margin=margin, da_ratio=0.025 if is_homes else 0.01,
                      rent_ratio=0.04 if is_homes else 0.015, volume_growth=0.03, years=years, year_end=ye,
                      filing_lag_days=120 if ye.month != 12 else 85,
                      tfa_ratio=0.55 if is_homes else 0.03, cash_ratio=0.12))
    s.append(Spec("P039", "Velmont Children's Care Ltd", "childrens_homes", "private_equity", group="VELMONT",
                  home_children=110, fee_factor=1.04, regions=2, ebitda_margin=0.215, da_ratio=0.03,
                  rent_ratio=0.05, volume_growth=0.05, years=3, tfa_ratio=0.35, goodwill=18_000_000,
                  cash=3_500_000, paid_in=16_000_000,
                  facilities=[
                      Facility("TL", "Sallowby Bank (illustrative)", 14_000_000, 12_000_000,
                               D(2023, 10, 31), D(2029, 10, 31), "floating", 0.0450,
                               max_net_leverage=5.0, min_interest_cover=2.5, first_test=D(2023, 12, 31))]))
    s.append(Spec("P040", "Tarnside Fostering Ltd", "independent_fostering_agency", "private_equity",
                  group="TARNSIDE", ifa_children=180, fee_factor=1.00, regions=2, ebitda_margin=0.175,
                  da_ratio=0.01, rent_ratio=0.015, volume_growth=0.02, years=3, tfa_ratio=0.02,
                  goodwill=9_000_000, cash=2_000_000, paid_in=7_000_000,
                  facilities=[
                      Facility("TL", "Wexcombe Private Debt (illustrative)", 6_000_000, 5_000_000,
                               D(2024, 2, 29), D(2030, 2, 28), "floating", 0.0500,
                               max_net_leverage=5.0, first_test=D(2024, 6, 30))]))
    return s


# ---------------------------------------------------------------------------
# Date helpers
# ---------------------------------------------------------------------------


def add_months(d: dt.date, months: int) -> dt.date:
    """Calendar month arithmetic, end of month kept at end of month."""
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    last = calendar.monthrange(year, month)[1]
    was_month_end = d.day == calendar.monthrange(d.year, d.month)[1]
    return dt.date(year, month, last if was_month_end else min(d.day, last))


def iso(d: Optional[dt.date]) -> str:
    return d.isoformat() if d else ""


# ---------------------------------------------------------------------------
# Construction
# ---------------------------------------------------------------------------


class Market:
    def __init__(self) -> None:
        self.rng = random.Random(SEED)
        self.providers: list[dict] = []
        self.accounts: list[dict] = []
        self.flows: list[dict] = []
        self.facilities: list[dict] = []
        self.settings: list[dict] = []
        self.placements: list[dict] = []
        self.equity: list[dict] = []
        self.used_urns: set[str] = set()
        self.next_ch = 1000

    # -- placements and settings ------------------------------------------

    def choose_regions(self, spec: Spec) -> list[str]:
        regions = REGIONS[:]
        self.rng.shuffle(regions)
        return sorted(regions[: spec.regions], key=REGIONS.index)

    def split(self, total: int, weights: list[float]) -> list[int]:
        """Largest-remainder split of `total` into integers proportional to weights."""
        wsum = sum(weights)
        raw = [total * w / wsum for w in weights]
        out = [int(math.floor(r)) for r in raw]
        order = sorted(range(len(raw)), key=lambda i: (-(raw[i] - out[i]), i))
        for i in order[: total - sum(out)]:
            out[i] += 1
        return out

    def placement_rows(self, spec: Spec, regions: list[str], setting_type: str, children: int,
                       base_fee: float) -> list[dict]:
        """Children placed by each placing authority at AS_OF."""
        # Authorities: about one per 20 children, at least one per region,
        # never more than ten a region.
        candidates: list[tuple[str, str]] = []
        per_region = max(1, min(10, round(children / 20 / len(regions))))
        for region in regions:
            las = LOCAL_AUTHORITIES[region][:]
            self.rng.shuffle(las)
            for la in las[: min(per_region, len(las))]:
                candidates.append((la, region))
        candidates = candidates[: max(1, min(len(candidates), children))]
        weights = [self.rng.uniform(0.5, 2.0) for _ in candidates]
        counts = self.split(children - len(candidates), weights)
        counts = [c + 1 for c in counts]  # every listed authority places at least one child
        places_total = math.ceil(children / spec.occupancy)
        spare = self.split(places_total - children, weights)
        rows = []
        for (la, region), n, extra in zip(candidates, counts, spare):
            fee = round(base_fee * REGION_FEE_FACTOR[region] * self.rng.uniform(0.97, 1.03))
            rows.append({"provider_id": spec.pid, "as_of": iso(AS_OF), "placing_local_authority": la,
                         "region": region, "setting_type": setting_type, "children_placed": n,
                         "registered_places": n + extra, "average_weekly_fee": fee})
        return rows

    def judgement(self, spec: Spec) -> str:
        x = self.rng.random() + spec.judgement_bias
        if x < 0.05:
            return "not_yet_inspected"
        if x < 0.20:
            return "outstanding"
        if x < 0.82:
            return "good"
        if x < 0.97:
            return "requires_improvement"
        return "inadequate"

    def urn_home(self) -> str:
        while True:
            urn = "SC%06d" % self.rng.randrange(400000, 999999)
            if urn not in self.used_urns:
                self.used_urns.add(urn)
                return urn

    def urn_agency(self) -> str:
        while True:
            urn = "%07d" % self.rng.randrange(2000000, 2999999)
            if urn not in self.used_urns:
                self.used_urns.add(urn)
                return urn

    def setting_rows(self, spec: Spec, rows: list[dict], setting_type: str) -> list[dict]:
        by_region: dict[str, int] = {}
        for r in rows:
            by_region[r["region"]] = by_region.get(r["region"], 0) + r["registered_places"]
        out = []
        for region in sorted(by_region, key=REGIONS.index):
            places = by_region[region]
            if setting_type == "fostering_agency":
                out.append({"provider_id": spec.pid, "urn": self.urn_agency(), "type": setting_type,
                            "name": "%s (%s)" % (spec.name.replace(" Ltd", ""), region_label(region)),
                            "local_authority": self.rng.choice(LOCAL_AUTHORITIES[region]),
                            "region": region, "registered_places": places,
                            "latest_judgement": self.judgement(spec)})
                continue
            # Children's homes of 2 to 6 places (Ofsted redacts their names).
            while places > 0:
                size = min(places, self.rng.choice([2, 3, 4, 4, 4, 5, 5, 6]))
                if places - size == 1:  # never leave a one-place home
                    size = places if size < 6 else size - 1
                out.append({"provider_id": spec.pid, "urn": self.urn_home(), "type": setting_type,
                            "name": "REDACTED",
                            "local_authority": self.rng.choice(LOCAL_AUTHORITIES[region]),
                            "region": region, "registered_places": size,
                            "latest_judgement": self.judgement(spec)})
                places -= size
        return out

    # -- accounts ----------------------------------------------------------

    def build(self, spec: Spec) -> None:
        regions = self.choose_regions(spec)
        rows: list[dict] = []
        if spec.home_children:
            home_rows = self.placement_rows(spec, regions, "childrens_home", spec.home_children,
                                            HOME_FEE_LATEST * spec.fee_factor)
            rows += home_rows
            self.settings += self.setting_rows(spec, home_rows, "childrens_home")
        if spec.ifa_children:
            ifa_rows = self.placement_rows(spec, regions, "fostering_agency", spec.ifa_children,
                                           IFA_FEE_LATEST * spec.fee_factor)
            rows += ifa_rows
            self.settings += self.setting_rows(spec, ifa_rows, "fostering_agency")
        self.placements += rows

        self.providers.append({
            "provider_id": spec.pid, "name": spec.name,
            "companies_house_number": "99%06d" % (int(spec.pid[1:]) * 101),
            "kind": spec.kind, "ownership": spec.ownership, "parent_group": spec.group,
            "company_status": spec.status})

        # Revenue identity for the latest year: children placed x weekly fee
        # x 52, the placements at AS_OF taken as the year's run-rate.
        home_rev = sum(r["children_placed"] * r["average_weekly_fee"] * 52 for r in rows
                       if r["setting_type"] == "childrens_home")
        ifa_rev = sum(r["children_placed"] * r["average_weekly_fee"] * 52 for r in rows
                      if r["setting_type"] == "fostering_agency")
        bank_drawn = sum(f.drawn for f in spec.facilities)
        for f in spec.facilities:
            self.facilities.append(facility_row(spec.pid, f))

        for k in range(spec.years):  # k = 0 latest
            end = add_months(spec.year_end, -12 * k)
            start = add_months(end, -12) + dt.timedelta(days=1)
            fy = end.year
            vol = (1 + spec.volume_growth) ** (-k)
            revenue = round(home_rev * vol / (1 + HOME_FEE_GROWTH) ** k
                            + ifa_rev * vol / (1 + IFA_FEE_GROWTH) ** k)
            t = k / (spec.years - 1) if spec.years > 1 else 0.0
            latest_margin = (spec.ebitda_target / round(home_rev + ifa_rev) if spec.ebitda_target
                             else spec.ebitda_margin)
            start_margin = spec.margin_start if spec.margin_start is not None else latest_margin
            margin = latest_margin + (start_margin - latest_margin) * t
            ebitda = spec.ebitda_target if (spec.ebitda_target and k == 0) else round(revenue * margin)
            homes_share = home_rev / (home_rev + ifa_rev)
            staff_ratio = 0.58 * homes_share + 0.17 * (1 - homes_share)
            staff = round(revenue * staff_ratio)
            rent = round(revenue * spec.rent_ratio)
            other = revenue - ebitda - staff - rent
            assert other > 0, (spec.pid, fy, "other operating costs must be positive")
            da = round(revenue * spec.da_ratio)
            operating = ebitda - da
            sonia = SONIA_FY_AVERAGE.get(fy, 0.044)
            interest = 0.0
            for f in spec.facilities:
                rate = f.rate if f.rate_type == "fixed" else sonia + f.rate
                interest += (f.drawn + f.amortisation * k) * rate
                interest += (f.committed - f.drawn) * 0.4 * (f.rate if f.rate_type == "floating" else 0.0)
            interest += spec.shareholder_loan * 0.12
            interest = round(interest)
            pbt = operating - interest
            tax = 0 if spec.ownership == "voluntary" else round(max(pbt, 0) * TAX_RATE.get(fy, 0.25))
            net_income = pbt - tax
            ffo = net_income + da

            # Cash was a little higher in earlier years (absolute) or tracks revenue (ratio).
            cash = round(spec.cash * (1 + 0.05 * k) if spec.cash is not None else spec.cash_ratio * revenue)
            receivables = round(revenue * 35 / 365)
            current_assets = cash + receivables
            tfa = round(revenue * spec.tfa_ratio)
            rou = spec.lease_liabilities
            total_assets = tfa + spec.goodwill + rou + current_assets
            trade_creditors = round((staff + other + rent) * 0.09)
            current_debt = 0
            for f in spec.facilities:
                balance = f.drawn + f.amortisation * k
                if add_months(end, 12) >= f.maturity:
                    current_debt += balance
                else:
                    current_debt += min(f.amortisation, balance)
            borrowings = bank_drawn + sum(f.amortisation for f in spec.facilities) * k + spec.shareholder_loan
            current_liabilities = trade_creditors + current_debt
            provisions = round(revenue * 0.01)
            total_liabilities = (current_liabilities + (borrowings - current_debt) + spec.lease_liabilities
                                 + provisions)
            net_assets = total_assets - total_liabilities
            retained = net_assets - spec.paid_in
            filing = end + dt.timedelta(days=spec.filing_lag_days)
            assert filing <= AS_OF, (spec.pid, "filing after AS_OF", filing)

            row = {"provider_id": spec.pid, "period_start": iso(start), "period_end": iso(end),
                   "revenue": revenue, "staff_costs": staff, "other_operating_costs": other,
                   "rent_costs": rent, "ebitda": ebitda, "depreciation_amortisation": da,
                   "operating_profit": operating, "interest_payable": interest,
                   "profit_before_tax": pbt, "net_income": net_income, "funds_from_operations": ffo,
                   "cash": cash, "current_assets": current_assets,
                   "current_liabilities": current_liabilities, "total_assets": total_assets,
                   "total_liabilities": total_liabilities, "borrowings": borrowings,
                   "lease_liabilities": spec.lease_liabilities, "net_assets": net_assets,
                   "retained_earnings": retained, "tangible_fixed_assets": tfa,
                   "intangible_assets": spec.goodwill,
                   "going_concern_uncertainty": "true" if (spec.going_concern and k == 0) else "false",
                   "filing_date": iso(filing)}
            if spec.filleted:
                # Abridged and filleted (Companies Act 2006 s.444): no profit
                # and loss account is delivered, so every P&L cell is empty.
                for key in ("revenue", "staff_costs", "other_operating_costs", "rent_costs", "ebitda",
                            "depreciation_amortisation", "operating_profit", "interest_payable",
                            "profit_before_tax", "net_income", "funds_from_operations", "retained_earnings",
                            "borrowings", "lease_liabilities"):
                    row[key] = ""
            self.accounts.append(row)

            if spec.flows:
                scale = revenue / round(home_rev + ifa_rev)
                self.flows.append({
                    "provider_id": spec.pid, "period_start": iso(start), "period_end": iso(end),
                    "management_charges": round(spec.flows.management_charges * scale),
                    "connected_rent": round(spec.flows.connected_rent * scale),
                    "shareholder_loan_interest": round(spec.flows.shareholder_loan_interest * scale),
                    "dividends": round(spec.flows.dividends * scale)})

        self.accounts.sort(key=lambda r: (r["provider_id"], r["period_end"]))
        self.flows.sort(key=lambda r: (r["provider_id"], r["period_end"]))


def region_label(region: str) -> str:
    return {"north_east": "North East", "north_west": "North West",
            "yorkshire_and_the_humber": "Yorkshire and The Humber", "east_midlands": "East Midlands",
            "west_midlands": "West Midlands", "east_of_england": "East of England", "london": "London",
            "south_east": "South East", "south_west": "South West"}[region]


def rate_text(x: float) -> str:
    return ("%.6f" % x).rstrip("0").rstrip(".")


def facility_row(pid: str, f: Facility) -> dict:
    return {"provider_id": pid, "facility_id": f.facility_id, "lender": f.lender,
            "committed": f.committed, "drawn": f.drawn, "start_date": iso(f.start),
            "maturity_date": iso(f.maturity), "rate_type": f.rate_type,
            "fixed_rate": rate_text(f.rate) if f.rate_type == "fixed" else "",
            "margin": rate_text(f.rate) if f.rate_type == "floating" else "",
            "amortisation_per_year": f.amortisation,
            "max_net_leverage": rate_text(f.max_net_leverage) if f.max_net_leverage else "",
            "min_interest_cover": rate_text(f.min_interest_cover) if f.min_interest_cover else "",
            "covenant_test_frequency_months": f.frequency if f.first_test else "",
            "covenant_first_test_date": iso(f.first_test)}


def equity_observations(market: Market) -> list[dict]:
    """The listed group's market capitalisation, and the take-private estimate."""
    latest = {r["provider_id"]: r for r in market.accounts}  # sorted: last row is the latest
    p011 = latest["P011"]
    net_debt = int(p011["borrowings"]) - int(p011["cash"])
    return [
        {"provider_id": "P008", "as_of": "2025-09-30", "equity_value": 590_000_000,
         "equity_volatility": "0.33", "basis": "market capitalisation (illustrative)"},
        {"provider_id": "P008", "as_of": iso(AS_OF), "equity_value": 560_000_000,
         "equity_volatility": "0.32", "basis": "market capitalisation (illustrative)"},
        {"provider_id": "P011", "as_of": iso(AS_OF),
         "equity_value": round(12.6 * int(p011["ebitda"]) - net_debt),
         "equity_volatility": "0.40",
         "basis": "12.6x EBITDA (2022 take-private multiple, domain.md s.3) less net debt; "
                  "volatility: sector proxy"},
    ]


# ---------------------------------------------------------------------------
# Validation (docs/data-format.md; risk/domain/validation.h)
# ---------------------------------------------------------------------------


def num(row: dict, key: str) -> Optional[float]:
    v = row.get(key, "")
    return None if v == "" else float(v)


def validate(market: Market) -> None:
    ids = {p["provider_id"] for p in market.providers}
    for a in market.accounts:
        where = (a["provider_id"], a["period_end"])
        assert a["provider_id"] in ids, where
        assert a["period_start"] < a["period_end"], where
        assert a["filing_date"] == "" or a["filing_date"] > a["period_end"], where
        ta, tl, na = num(a, "total_assets"), num(a, "total_liabilities"), num(a, "net_assets")
        if None not in (ta, tl, na):
            assert abs(ta - tl - na) <= max(1000.0, 0.005 * abs(ta)), ("balance sheet", where)
        cash, ca = num(a, "cash"), num(a, "current_assets")
        assert 0 <= cash <= ca <= ta, ("cash <= current assets <= total assets", where)
        if num(a, "ebitda") is not None:
            assert num(a, "ebitda") == num(a, "operating_profit") + num(a, "depreciation_amortisation"), where
            assert num(a, "revenue") - num(a, "staff_costs") - num(a, "other_operating_costs") \
                - num(a, "rent_costs") == num(a, "ebitda"), where
            assert num(a, "profit_before_tax") == num(a, "operating_profit") - num(a, "interest_payable"), where
            assert num(a, "funds_from_operations") == num(a, "net_income") + num(a, "depreciation_amortisation")
        for key in ("revenue", "staff_costs", "other_operating_costs", "rent_costs", "interest_payable",
                    "current_liabilities", "total_liabilities", "borrowings", "lease_liabilities",
                    "tangible_fixed_assets", "intangible_assets"):
            v = num(a, key)
            assert v is None or v >= 0, (key, where)
    for f in market.facilities:
        where = (f["provider_id"], f["facility_id"])
        assert f["provider_id"] in ids, where
        assert f["committed"] > 0 and 0 <= f["drawn"] <= f["committed"], where
        assert f["start_date"] < f["maturity_date"], where
        assert (f["fixed_rate"] != "") == (f["rate_type"] == "fixed"), where
        assert (f["margin"] != "") == (f["rate_type"] == "floating"), where
        if f["max_net_leverage"] or f["min_interest_cover"]:
            assert f["covenant_first_test_date"] and f["covenant_test_frequency_months"] in (1, 3, 6, 12), where
    keys = [(f["provider_id"], f["facility_id"]) for f in market.facilities]
    assert len(keys) == len(set(keys)), "facility ids unique within a provider"
    for fl in market.flows:
        assert fl["provider_id"] in ids and fl["period_start"] < fl["period_end"]
        assert min(fl[k] for k in ("management_charges", "connected_rent", "shareholder_loan_interest",
                                   "dividends")) >= 0
    urns = [s["urn"] for s in market.settings]
    assert len(urns) == len(set(urns)), "URNs unique"
    for s in market.settings:
        assert s["provider_id"] in ids
        if s["type"] == "childrens_home":
            assert len(s["urn"]) == 8 and s["urn"].startswith("SC") and s["urn"][2:].isdigit(), s
            assert 2 <= s["registered_places"] <= 6, s
        else:
            assert len(s["urn"]) == 7 and s["urn"].isdigit(), s
        assert s["local_authority"] in LOCAL_AUTHORITIES[s["region"]], s
    for p in market.placements:
        assert p["provider_id"] in ids
        assert p["placing_local_authority"] in LOCAL_AUTHORITIES[p["region"]], p
        assert 0 < p["children_placed"] <= p["registered_places"] and p["average_weekly_fee"] > 0, p
    for e in market.equity:
        assert e["provider_id"] in ids and e["equity_value"] > 0 and 0 < float(e["equity_volatility"]) < 2
    for p in market.providers:
        assert len(p["companies_house_number"]) == 8


# ---------------------------------------------------------------------------
# Output
# ---------------------------------------------------------------------------

COLUMNS = {
    "providers": ["provider_id", "name", "companies_house_number", "kind", "ownership", "parent_group",
                  "company_status"],
    "accounts": ["provider_id", "period_start", "period_end", "revenue", "staff_costs",
                 "other_operating_costs", "rent_costs", "ebitda", "depreciation_amortisation",
                 "operating_profit", "interest_payable", "profit_before_tax", "net_income",
                 "funds_from_operations", "cash", "current_assets", "current_liabilities", "total_assets",
                 "total_liabilities", "borrowings", "lease_liabilities", "net_assets", "retained_earnings",
                 "tangible_fixed_assets", "intangible_assets", "going_concern_uncertainty", "filing_date"],
    "related_party_flows": ["provider_id", "period_start", "period_end", "management_charges",
                            "connected_rent", "shareholder_loan_interest", "dividends"],
    "facilities": ["provider_id", "facility_id", "lender", "committed", "drawn", "start_date",
                   "maturity_date", "rate_type", "fixed_rate", "margin", "amortisation_per_year",
                   "max_net_leverage", "min_interest_cover", "covenant_test_frequency_months",
                   "covenant_first_test_date"],
    "settings": ["provider_id", "urn", "type", "name", "local_authority", "region", "registered_places",
                 "latest_judgement"],
    "placements": ["provider_id", "as_of", "placing_local_authority", "region", "setting_type",
                   "children_placed", "registered_places", "average_weekly_fee"],
    "equity_observations": ["provider_id", "as_of", "equity_value", "equity_volatility", "basis"],
}


def write_csv(path: str, columns: list[str], rows: list[dict]) -> None:
    with open(path, "w", newline="", encoding="utf-8") as out:
        writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow(row)


def summary(market: Market) -> str:
    latest = {}
    for a in market.accounts:
        latest[a["provider_id"]] = a
    lines = []
    revenue = {pid: float(a["revenue"]) for pid, a in latest.items() if a["revenue"] != ""}
    children = {}
    for p in market.placements:
        children[p["provider_id"]] = children.get(p["provider_id"], 0) + p["children_placed"]
    top = sorted(revenue, key=lambda pid: -revenue[pid])[:15]
    lines.append("providers %d, settings %d, placements rows %d, children placed %d" % (
        len(market.providers), len(market.settings), len(market.placements), sum(children.values())))
    lines.append("15 largest by revenue: %.0f%% of sample revenue, %.0f%% of children placed" % (
        100 * sum(revenue[p] for p in top) / sum(revenue.values()),
        100 * sum(children[p] for p in top) / sum(children.values())))
    las = {p["placing_local_authority"] for p in market.placements}
    lines.append("placing authorities %d in %d regions" % (
        len(las), len({p["region"] for p in market.placements})))
    lines.append("pid   revenue_m  ebitda%  op%    nd/ebitda  roce   excess_m  children")
    for p in market.providers:
        a = latest[p["provider_id"]]
        if a["revenue"] == "":
            lines.append("%s  (filleted: no profit and loss)" % p["provider_id"])
            continue
        rev, ebitda, op = float(a["revenue"]), float(a["ebitda"]), float(a["operating_profit"])
        nd = float(a["borrowings"]) - float(a["cash"])
        ce = float(a["total_assets"]) - float(a["current_liabilities"])
        lines.append("%s  %8.1f  %6.1f  %6.1f  %8.2f  %6.1f%%  %7.1f  %6d  %s" % (
            p["provider_id"], rev / 1e6, 100 * ebitda / rev, 100 * op / rev,
            nd / ebitda if ebitda > 0 else float("nan"), 100 * op / ce, (op - 0.09 * ce) / 1e6,
            children.get(p["provider_id"], 0), a["period_end"]))
    return "\n".join(lines)


def generate(out_dir: str) -> Market:
    market = Market()
    for spec in specs():
        market.build(spec)
    market.equity = equity_observations(market)
    validate(market)

    os.makedirs(out_dir, exist_ok=True)
    for kind, columns in COLUMNS.items():
        write_csv(os.path.join(out_dir, kind + ".csv"), columns, getattr(market, {
            "providers": "providers", "accounts": "accounts", "related_party_flows": "flows",
            "facilities": "facilities", "settings": "settings", "placements": "placements",
            "equity_observations": "equity"}[kind]))
    with open(os.path.join(out_dir, "AS_OF"), "w", encoding="utf-8") as out:
        out.write(iso(AS_OF) + "\n")
    return market


def check(committed_dir: str) -> int:
    """Regenerates twice into temporary folders; 0 when both runs are
    byte-identical to each other and to the committed files."""
    import filecmp
    import tempfile
    names = [kind + ".csv" for kind in COLUMNS] + ["AS_OF"]
    with tempfile.TemporaryDirectory() as first, tempfile.TemporaryDirectory() as second:
        generate(first)
        generate(second)
        _, unstable, missing = filecmp.cmpfiles(first, second, names, shallow=False)
        _, stale, absent = filecmp.cmpfiles(first, committed_dir, names, shallow=False)
    problems = ["not deterministic: " + n for n in unstable + missing]
    problems += ["stale (run generate.py and commit): " + n for n in stale]
    problems += ["missing from %s: %s" % (committed_dir, n) for n in absent]
    for p in problems:
        print(p)
    return 1 if problems else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.dirname(os.path.abspath(__file__)))
    parser.add_argument("--summary", action="store_true", help="print the calibration summary")
    parser.add_argument("--check", action="store_true",
                        help="generate into a temporary folder and compare with the files in --out")
    args = parser.parse_args()
    if args.check:
        raise SystemExit(check(args.out))

    market = generate(args.out)
    if args.summary:
        print(summary(market))


if __name__ == "__main__":
    main()
