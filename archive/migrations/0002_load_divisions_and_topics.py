"""Load Hunan's 14 prefecture-level and 122 county-level divisions and the nine topics.

The division list (民政部, state as of 2024-12-31) ships in archive/data/hunan_divisions.tsv;
the topics and their starting keyword weights in archive/data/topics.json.
"""

import csv
import json
from pathlib import Path

from django.db import migrations

DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def short_name(row: dict) -> str:
    aliases = [a for a in row["aliases"].split(",") if a]
    return aliases[0] if aliases else row["name"]


def load(apps, schema_editor):
    County = apps.get_model("archive", "County")
    Topic = apps.get_model("archive", "Topic")
    with open(DATA_DIR / "hunan_divisions.tsv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    by_code = {}
    # Prefectures first so that counties can point at their parent.
    for row in sorted(rows, key=lambda r: r["level"] != "prefecture"):
        county = County.objects.create(
            code=row["code"],
            name=row["name"],
            short_name=short_name(row),
            level=row["level"],
            kind=row["type"],
            parent=by_code.get(row["parent_code"]),
            aliases=[a for a in row["aliases"].split(",") if a],
        )
        by_code[row["code"]] = county
    topics = json.loads((DATA_DIR / "topics.json").read_text(encoding="utf-8"))
    for order, topic in enumerate(topics):
        Topic.objects.create(
            name=topic["name"],
            slug=topic["slug"],
            description=topic["description"],
            keywords="\n".join(f"{word} {weight:g}" for word, weight in topic["keywords"].items()),
            order=order,
        )


def unload(apps, schema_editor):
    apps.get_model("archive", "Topic").objects.all().delete()
    County = apps.get_model("archive", "County")
    County.objects.filter(level="county").delete()
    County.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("archive", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
