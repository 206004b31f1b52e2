"""The sandbox population database (人口库): synthetic residents beside the demo people.

The shared-data sandbox answers 二要素核验 (name + ID number) and dataset reads from the demo people
(app/seed/data/shared/people.json, hand-written, with rich records) and from these residents, generated
deterministically (a fixed seed, so every process and every run has the same people) with valid GB 11643 ID
numbers: so tests and benchmarks can bind a distinct real person per account and never need two accounts on one.

Each resident has a population record, a 居民身份证 and 居民户口簿, medical insurance, and while of working age
(18 to 60) social insurance and a housing-fund account: enough for a service such as GJJ005 to find its shared
materials. No one here has traffic fines or property (those stay with the demo people).
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from functools import lru_cache

from app.validators import id_check_char

SEED = 1164319990  # GB 11643-1999
COUNT = 600
AS_OF = date(2026, 11, 20)  # the records' 更新日期, and the day ages are counted to
REGIONS = [("330402", "南湖区", "建设街道"), ("330411", "秀洲区", "新城街道"), ("330421", "嘉善县", "罗星街道"),
           ("330424", "海盐县", "武原街道"), ("330481", "海宁市", "海洲街道"), ("330482", "平湖市", "当湖街道"),
           ("330483", "桐乡市", "梧桐街道")]
SURNAMES = ("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
            "姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
GIVEN_MALE = "伟强磊军勇杰涛明超刚平辉鹏宇浩然俊博天佑建国志海东波斌峰毅诚凯文韬睿哲晨阳"
GIVEN_FEMALE = "芳娜敏静丽艳娟霞秀英兰桂梅玉燕欣怡涵萱雨婷雪琳洁颖倩佳慧晶莉琴蓉"
STREETS = "中山路 解放路 人民路 建国路 和平路 南湖路 禾兴路 文昌路 洪兴路 新华路 勤俭路 东升路".split()


def _person(rng: random.Random, region: tuple[str, str, str], taken: set[str]) -> dict:
    code, district, street = region
    while True:
        born = date(1945, 1, 1) + timedelta(days=rng.randrange(0, (date(2008, 12, 31) - date(1945, 1, 1)).days))
        male = rng.random() < 0.5
        seq = rng.randrange(0, 500) * 2 + (1 if male else 0)  # the 17th digit is odd for a man, even for a woman
        first17 = f"{code}{born:%Y%m%d}{seq:03d}"
        number = first17 + id_check_char(first17)
        if number not in taken:
            taken.add(number)
            break
    given = GIVEN_MALE if male else GIVEN_FEMALE
    name = rng.choice(SURNAMES) + "".join(rng.choice(given) for _ in range(rng.choice((1, 2, 2))))
    return {"name": name, "id_number": number, "gender": "男" if male else "女", "born": born,
            "district": district, "street": street,
            "address": f"浙江省示例市{district}{street}{rng.choice(STREETS)}{rng.randrange(1, 999)}号",
            "household_number": f"{code}{rng.randrange(0, 10**6):06d}"}


def _age(born: date) -> int:
    return AS_OF.year - born.year - ((AS_OF.month, AS_OF.day) < (born.month, born.day))


def _datasets(p: dict, rng: random.Random) -> dict:
    district, born, updated = p["district"], p["born"], AS_OF.isoformat()
    issued = date(max(born.year + 16, 2010), rng.randrange(1, 13), rng.randrange(1, 29))
    police = f"示例市公安局{district[:-1]}分局"
    datasets = {
        "population": {"name": p["name"], "gender": p["gender"], "ethnicity": "汉族", "birth_date": born.isoformat(),
                       "birth_place": f"浙江省示例市{district}", "hukou_region": f"浙江省示例市{district}",
                       "address": p["address"], "status": "正常",
                       "household": {"household_number": p["household_number"], "head": p["name"],
                                     "relation_to_head": "户主", "members": [{"name": p["name"], "relation": "户主"}]},
                       "provider": police, "updated_at": updated},
        "licence": [
            {"licence_type": "居民身份证", "number": p["id_number"], "issuer": police,
             "valid_from": issued.isoformat(),
             "valid_to": None if _age(born) >= 46 else issued.replace(year=issued.year + 20).isoformat()},
            {"licence_type": "居民户口簿", "number": p["household_number"], "issuer": f"{police}{p['street'][:-2]}派出所",
             "valid_from": issued.isoformat(), "valid_to": None}],
        "medical_insurance": {"type": "城乡居民基本医疗保险", "status": "正常参保", "insured_place": f"示例市{district}",
                              "start_date": "2015-01-01", "provider": "示例市医疗保障局", "updated_at": updated},
    }
    if 18 <= _age(born) <= 60:
        employer = f"示例{district[:-1]}{rng.choice(('科技', '贸易', '制造', '物流', '餐饮'))}有限公司"
        start = date(max(born.year + 20, 2005), rng.randrange(1, 13), 1).isoformat()
        datasets["medical_insurance"]["type"] = "职工基本医疗保险"
        datasets["social_insurance"] = {"status": "正常参保", "insurance_type": "企业职工基本养老保险", "employer": employer,
                                        "start_date": start, "months_paid": rng.randrange(6, 240),
                                        "provider": "示例市社会保险事业管理服务中心", "updated_at": updated}
        datasets["housing_fund"] = {"account_status": "正常缴存", "employer": employer, "start_date": start,
                                    "monthly_deposit_fen": rng.randrange(50, 400) * 1000,
                                    "balance_fen": rng.randrange(1, 3000) * 10000,
                                    "provider": "示例市住房公积金管理中心", "updated_at": updated}
    return datasets


@lru_cache(maxsize=4)
def residents(exclude: frozenset[str] = frozenset(), count: int = COUNT) -> tuple[dict, ...]:
    """The synthetic residents, always the same ones in the same order: {"name", "id_number", "datasets"} each,
    none with an ID number in `exclude` (the demo people's)."""
    rng, taken = random.Random(SEED), set(exclude)
    out = []
    for i in range(count):
        p = _person(rng, REGIONS[i % len(REGIONS)], taken)
        out.append({"name": p["name"], "id_number": p["id_number"], "note": "合成人口（沙箱人口库）",
                    "datasets": _datasets(p, rng)})
    return tuple(out)
