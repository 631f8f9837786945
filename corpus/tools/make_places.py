"""Write models/zh/places.yaml: the names of China's provinces, cities and counties.

    python corpus/tools/make_places.py DIST_DIR

DIST_DIR holds provinces.csv, cities.csv, areas.csv and streets.csv of
github.com/modood/Administrative-divisions-of-China (dist/; data of 国家统计局 统计用区划代码和城乡划分代码, cut-off
2022-10-31). Placeholders (市辖区, 县, 省直辖县级行政区划) are left out. Each province and city also gives its short name
(重庆市 -> 重庆, 兰州市 -> 兰州), which official texts use before an organ (重庆地震局); counties keep their full names,
since many short ones are common words (和平, 长安), and an autonomous county also its usual form without the ethnic
names (张家川回族自治县 -> 张家川县). The township-level names (镇, 乡, 街道, 苏木) go to models/zh/townships.txt, one per
line, being too many for a YAML list that is read at every start.
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


# The 56 ethnic groups of GB/T 3304-1991 《中国各民族名称的罗马字母拼写法和代码》: an autonomous division's name is
# its place, the ethnic names and the kind (张家川 + 回族 + 自治县); 各族 stands for several (隆林各族自治县).
ETHNIC_GROUPS = """汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族
傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族
阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 珞巴族
基诺族 各族""".split()
AUTONOMOUS = (("自治县", "县"), ("自治旗", "旗"))
TOWNSHIP_ENDINGS = ("镇", "乡", "街道", "苏木")


def autonomous_short(name: str) -> str | None:
    """张家川回族自治县 -> 张家川县, 积石山保安族东乡族撒拉族自治县 -> 积石山县; None when no place is left (东乡族自治县)."""
    for suffix, plain in AUTONOMOUS:
        if not name.endswith(suffix):
            continue
        core = name[: -len(suffix)]
        stripped = True
        while stripped:
            stripped = False
            for group in sorted(ETHNIC_GROUPS, key=len, reverse=True):
                for form in (group, group[:-1]):  # 肃北蒙古族自治县, 博尔塔拉蒙古自治州
                    if len(form) >= 2 and core.endswith(form) and len(core) > len(form):
                        core = core[: -len(form)]
                        stripped = True
                        break
                if stripped:
                    break
        return core + plain if len(core) >= 2 and core != name[: -len(suffix)] else None
    return None


def main() -> None:
    dist = Path(sys.argv[1])
    provinces, cities, counties = (_names(dist / f"{name}.csv") for name in ("provinces", "cities", "areas"))
    shorts = sorted({s for n in provinces + cities if (s := short(n))})
    county_shorts = sorted({s for n in counties if (s := autonomous_short(n))} - set(counties))
    townships = sorted({n for n in _names(dist / "streets.csv") if n.endswith(TOWNSHIP_ENDINGS) and len(n) >= 3})
    lines = [
        "# Names of China's provinces, cities and counties: places written before an organ (重庆市应急管理局,",
        "# 嘉定区安委办), with the short names of provinces and cities (重庆地震局). Written by",
        "# corpus/tools/make_places.py from 国家统计局 统计用区划代码 (2022) as published in",
        "# github.com/modood/Administrative-divisions-of-China (dist/*.csv). Do not edit by hand.",
        "provinces: [" + ", ".join(provinces) + "]",
        "cities: [" + ", ".join(sorted(set(cities))) + "]",
        "counties: [" + ", ".join(sorted(set(counties))) + "]",
        "short_names: [" + ", ".join(shorts) + "]",
        "county_short_names: [" + ", ".join(county_shorts) + "]",
        "_sources:",
        '  "*": "国家统计局 统计用区划代码和城乡划分代码 (2022-10-31), provinces, cities and counties, via '
        'github.com/modood/Administrative-divisions-of-China dist/provinces.csv, cities.csv, areas.csv"',
        '  "county_short_names": "the autonomous counties and banners of the list above without their ethnic names '
        '(GB/T 3304-1991, the 56 ethnic groups): 张家川回族自治县 -> 张家川县"',
    ]
    (ROOT / "models" / "zh" / "places.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    header = [
        "# Township-level divisions of China (镇, 乡, 街道, 苏木), one per line: places written before an organ",
        "# (寮步镇安全生产委员会办公室). Written by corpus/tools/make_places.py from 国家统计局 统计用区划代码 (2022-10-31)",
        "# as published in github.com/modood/Administrative-divisions-of-China dist/streets.csv. Do not edit by hand.",
    ]
    (ROOT / "models" / "zh" / "townships.txt").write_text("\n".join(header + townships) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
