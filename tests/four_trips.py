"""Four short reports of four trips, one file each (a0.txt ... a3.txt), for the tests of
how a run stores batches of files (tests/test_ingest_batched.py, test_ingest_ahead.py)."""

REPORT = """ date 2024-{month:02d}-{day:02d}
{guest} in {place}

Prime Minister {guest} held talks with Prime Minister {host} in {city} on
{month_name} {day}, during his official visit to {place}.
"""
TRIPS = [
    ("Anthony Albanese", "India", "Narendra Modi", "New Delhi", 3, "March"),
    ("Anthony Albanese", "Malaysia", "Anwar Ibrahim", "Kuala Lumpur", 5, "May"),
    ("Narendra Modi", "Singapore", "Lawrence Wong", "Singapore", 7, "July"),
    ("Anwar Ibrahim", "Australia", "Anthony Albanese", "Canberra", 9, "September"),
]


def trips_write(folder) -> None:
    """The four reports into `folder`; titles are '<guest> in <place>'."""
    for n, (guest, place, host, city, month, month_name) in enumerate(TRIPS):
        text = REPORT.format(
            guest=guest,
            place=place,
            host=host,
            city=city,
            month=month,
            day=10 + n,
            month_name=month_name,
        )
        (folder / f"a{n}.txt").write_text(text, encoding="utf-8")
