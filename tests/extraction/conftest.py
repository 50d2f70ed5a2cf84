"""Fixtures for extraction tests: no database, one Extractor per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from visits.extraction import Extractor, load_gazetteer
from visits.extraction.records import CountryName, Gazetteer, KnownLeader

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "visits" / "data"
SEEDS = ROOT.parent / "shared" / "seeds"
if not SEEDS.exists():
    SEEDS = ROOT / "seeds"

# A small gazetteer written here, so the rules are tested apart from the shipped data.
SMALL = Gazetteer(
    countries=(
        CountryName(
            "VN",
            "Viet Nam",
            "Việt Nam",
            ("Vietnam", "Vietnamese"),
            ("Hanoi", "Hà Nội", "HCM City", "Ho Chi Minh City", "Da Nang"),
        ),
        CountryName("MY", "Malaysia", "Malaysia", ("Malaysian",), ("Kuala Lumpur", "Putrajaya")),
        CountryName(
            "KZ", "Kazakhstan", "Kazakhstan", ("Kazakh", "Ca-dắc-xtan"), ("Astana", "Almaty")
        ),
        CountryName("KH", "Cambodia", "Campuchia", ("Cambodian",), ("Phnom Penh", "Siem Reap")),
        CountryName("LA", "Laos", "Lào", ("Lao",), ("Vientiane",)),
        CountryName("CN", "China", "Trung Quốc", ("Chinese",), ("Beijing", "Bắc Kinh", "Shanghai")),
        CountryName("JP", "Japan", "Nhật Bản", ("Japanese",), ("Tokyo", "Osaka")),
        CountryName("SG", "Singapore", "Singapore", ("Singaporean",), ()),
        CountryName("FR", "France", "Pháp", ("French",), ("Paris",)),
        CountryName(
            "US", "United States", "Hoa Kỳ", ("US", "U.S.", "American", "Mỹ"), ("Washington",)
        ),
        CountryName("TH", "Thailand", "Thái Lan", ("Thai",), ("Bangkok",)),
        CountryName("ID", "Indonesia", "Indonesia", ("Indonesian",), ("Jakarta",)),
    ),
    leaders=(
        KnownLeader("xi", "Xi Jinping", "CN", ("Tập Cận Bình",)),
        KnownLeader("tolam", "Tô Lâm", "VN", ("To Lam",)),
        KnownLeader("anwar", "Anwar Ibrahim", "MY", ()),
    ),
)


@pytest.fixture(scope="session")
def small_extractor() -> Extractor:
    return Extractor(SMALL)


@pytest.fixture(scope="session")
def extractor() -> Extractor:
    if not (DATA / "countries.csv").exists():
        pytest.skip("visits/data/countries.csv is not there yet")
    return Extractor(load_gazetteer(DATA / "countries.csv", DATA / "leaders.csv"))


def day(date) -> str | None:
    """'2024-11-21', '--11-21' when the year is open, or None."""
    if date is None or date.day is None:
        return None
    if date.year is None:
        return f"--{date.month:02d}-{date.day:02d}"
    return date.iso()


def summary(result) -> dict:
    """What the golden files hold: the scored fields of every record."""
    return {
        "visits": [
            {
                "visitor_country": v.visitor_country,
                "host_country": v.host_country,
                "visitor": v.visitor.name if v.visitor else None,
                "kind": v.kind,
                "start": day(v.start),
                "end": day(v.end),
            }
            for v in result.visits
        ],
        "meetings": [
            {
                "date": day(m.date),
                "kind": m.kind,
                "participants": [p.name for p in m.participants],
                "country": m.country,
                "city": m.city,
            }
            for m in result.meetings
        ],
        "agreements": [
            {"kind": a.kind, "parties": list(a.parties), "level": a.level, "date": day(a.date)}
            for a in result.agreements
        ],
    }
