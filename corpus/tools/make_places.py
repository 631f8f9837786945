"""Write models/zh/places.yaml: the names of China's provinces, cities and counties.

    python corpus/tools/make_places.py DIST_DIR

DIST_DIR holds provinces.csv, cities.csv and areas.csv of github.com/modood/Administrative-divisions-of-China
(dist/; data of 国家统计局 统计用区划代码和城乡划分代码, cut-off 2022-10-31). Placeholders (市辖区, 县, 省直辖县级行政区划)
are left out. Each province and city also gives its short name (重庆市 -> 重庆, 兰州市 -> 兰州), which official texts use
before an organ (重庆地震局); counties keep their full names only, since many short ones are common words (和平, 长安).
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
SUFFIXES = ("特别行政区", "自治区", "自治州", "地区", "省", "市", "盟")


def _names(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [row["name"] for row in csv.DictReader(handle) if row["name"] not in PLACEHOLDERS]


def short(name: str) -> str | None:
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            core = name[: -len(suffix)]
            # 广西壮族自治区 -> 广西, 延边朝鲜族自治州 -> 延边: the ethnic name is part of the suffix.
            if "族" in core:
                core = core[: core.index("族") - 1] if core.index("族") >= 3 else core
            return core if len(core) >= 2 else None
    return None


def main() -> None:
    dist = Path(sys.argv[1])
    provinces, cities, counties = (_names(dist / f"{name}.csv") for name in ("provinces", "cities", "areas"))
    shorts = sorted({s for n in provinces + cities if (s := short(n))})
    lines = [
        "# Names of China's provinces, cities and counties: places written before an organ (重庆市应急管理局,",
        "# 嘉定区安委办), with the short names of provinces and cities (重庆地震局). Written by",
        "# corpus/tools/make_places.py from 国家统计局 统计用区划代码 (2022) as published in",
        "# github.com/modood/Administrative-divisions-of-China (dist/*.csv). Do not edit by hand.",
        "provinces: [" + ", ".join(provinces) + "]",
        "cities: [" + ", ".join(sorted(set(cities))) + "]",
        "counties: [" + ", ".join(sorted(set(counties))) + "]",
        "short_names: [" + ", ".join(shorts) + "]",
        "_sources:",
        '  "*": "国家统计局 统计用区划代码和城乡划分代码 (2022-10-31), provinces, cities and counties, via '
        'github.com/modood/Administrative-divisions-of-China dist/provinces.csv, cities.csv, areas.csv"',
    ]
    (ROOT / "models" / "zh" / "places.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
