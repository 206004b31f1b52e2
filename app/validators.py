"""Validation of Chinese identifiers: citizen ID (GB 11643-1999), credit code (GB 32100-2015), mobile number."""
from __future__ import annotations

import re
from datetime import date

# GB/T 2260 province-level codes (the first two digits of a region code).
PROVINCES = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46,
             50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83}
_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")


def id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS)) % 11]


def id_number_problem(value: str, today: date | None = None) -> str | None:
    """None if `value` is a valid 18-digit citizen ID number, else the reason in Chinese."""
    v = value.strip().upper()
    if not _ID_SHAPE.match(v):
        return "身份证号码应为18位，前17位为数字，最后一位为数字或X"
    if int(v[:2]) not in PROVINCES or v[2:6] == "0000":
        return "身份证号码的地区码不正确"
    try:
        born = date(int(v[6:10]), int(v[10:12]), int(v[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不存在"
    today = today or date.today()
    if born > today or born.year < 1900:
        return "身份证号码中的出生日期不正确"
    if id_check_char(v[:17]) != v[17]:
        return "身份证号码校验位不正确，请核对"
    return None


_CREDIT_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
_CREDIT_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def credit_check_char(first17: str) -> str:
    total = sum(_CREDIT_CHARS.index(c) * w for c, w in zip(first17, _CREDIT_WEIGHTS))
    return _CREDIT_CHARS[(31 - total % 31) % 31]


def credit_code_problem(value: str) -> str | None:
    """None if `value` is a valid 统一社会信用代码, else the reason in Chinese."""
    v = value.strip().upper()
    if not _CREDIT_SHAPE.match(v):
        return "统一社会信用代码应为18位数字或大写字母（不含I、O、Z、S、V）"
    if credit_check_char(v[:17]) != v[17]:
        return "统一社会信用代码校验位不正确，请核对"
    return None


_PHONE = re.compile(r"^1[3-9]\d{9}$")


def phone_problem(value: str) -> str | None:
    if not _PHONE.match(value.strip()):
        return "请输入11位中国大陆手机号码"
    return None


_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,20}$|^[A-Za-z][A-Za-z .'-]{1,59}$")


def name_problem(value: str) -> str | None:
    if not _NAME.match(value.strip()):
        return "请输入与身份证一致的真实姓名"
    return None


MAX_ID = 2**31 - 1  # the largest id of an IntField primary key (PostgreSQL integer)
MAX_BIGID = 2**63 - 1  # of a BigIntField one (PostgreSQL bigint, SQLite integer)
MAX_INT = MAX_ID  # any IntField column (amounts in fen, counts)


def is_decimal(value: str) -> bool:
    """ASCII digits only: str.isdigit() is also true for "²" (int() refuses it) and "٣" (int() reads 3)."""
    return value.isascii() and value.isdigit()


def db_id(value: str, most: int = MAX_ID) -> int | None:
    """The database id written in `value` (ASCII digits, 1 to `most`), or None."""
    if not is_decimal(value) or len(value) > len(str(most)):
        return None
    number = int(value)
    return number if 1 <= number <= most else None
