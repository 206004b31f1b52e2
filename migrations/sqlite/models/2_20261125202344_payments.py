from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "payment_events" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "event_id" VARCHAR(64) NOT NULL UNIQUE,
    "event_type" VARCHAR(48) NOT NULL,
    "resource" JSON NOT NULL,
    "received_at" TIMESTAMP NOT NULL,
    "applied" INT NOT NULL
) /* A verified, decrypted WeChat Pay notification, stored once by its id before it is applied. */;
        CREATE TABLE IF NOT EXISTS "reconciliation_reports" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "bill_date" DATE NOT NULL,
    "summary" JSON NOT NULL,
    "differences" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL
);
        CREATE TABLE IF NOT EXISTS "payables" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(24) NOT NULL,
    "ref" VARCHAR(64) NOT NULL,
    "description" VARCHAR(128) NOT NULL,
    "items" JSON NOT NULL,
    "amount_fen" INT NOT NULL,
    "fee_item_code" VARCHAR(32) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* UNPAID: unpaid\nPAID: paid\nREFUNDED: refunded\nCANCELLED: cancelled */,
    "created_at" TIMESTAMP NOT NULL,
    "paid_at" TIMESTAMP,
    "application_id" INT REFERENCES "applications" ("id") ON DELETE CASCADE,
    "department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE,
    "payer_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_payables_kind_624cbd" UNIQUE ("kind", "ref")
) /* Something a citizen owes (应缴款项): a service fee of a case, a traffic fine, another non-tax payable. */;
        CREATE TABLE IF NOT EXISTS "payment_orders" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "out_trade_no" VARCHAR(32) NOT NULL UNIQUE,
    "amount_fen" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PENDING: pending\nPAID: paid\nCLOSED: closed\nFAILED: failed */,
    "prepay_id" VARCHAR(64),
    "transaction_id" VARCHAR(64) UNIQUE,
    "refunded_fen" INT NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "paid_at" TIMESTAMP,
    "version" INT NOT NULL,
    "payable_id" INT NOT NULL REFERENCES "payables" ("id") ON DELETE CASCADE,
    "payer_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* One attempt to pay a payable through WeChat Pay (JSAPI). */;
        CREATE TABLE IF NOT EXISTS "ledger_entries" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "amount_fen" INT NOT NULL,
    "external_id" VARCHAR(64) NOT NULL UNIQUE,
    "occurred_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "order_id" INT NOT NULL REFERENCES "payment_orders" ("id") ON DELETE CASCADE
) /* Append-only record of every money movement; sums always agree with the orders. */;
        CREATE TABLE IF NOT EXISTS "receipts" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "number" VARCHAR(32) NOT NULL UNIQUE,
    "payload" JSON NOT NULL,
    "signature" TEXT NOT NULL,
    "key_id" VARCHAR(32) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "order_id" INT NOT NULL UNIQUE REFERENCES "payment_orders" ("id") ON DELETE CASCADE
) /* An electronic receipt (非税收入电子票据 style), signed over its canonical JSON. */;
        CREATE TABLE IF NOT EXISTS "refunds" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "out_refund_no" VARCHAR(64) NOT NULL UNIQUE,
    "amount_fen" INT NOT NULL,
    "reason" VARCHAR(80) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* PROCESSING: processing\nSUCCESS: success\nCLOSED: closed\nABNORMAL: abnormal */,
    "refund_id" VARCHAR(64) UNIQUE,
    "created_at" TIMESTAMP NOT NULL,
    "succeeded_at" TIMESTAMP,
    "order_id" INT NOT NULL REFERENCES "payment_orders" ("id") ON DELETE CASCADE,
    "requested_by_id" INT REFERENCES "users" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "reconciliation_reports";
        DROP TABLE IF EXISTS "payables";
        DROP TABLE IF EXISTS "ledger_entries";
        DROP TABLE IF EXISTS "payment_events";
        DROP TABLE IF EXISTS "refunds";
        DROP TABLE IF EXISTS "receipts";
        DROP TABLE IF EXISTS "payment_orders";"""


MODELS_STATE = (
    "eJztXVlz4za2/isovcRd407Z8trO1FTJtrpHGW9lqZNUohQLIiGLMQUyXOzWnZv/PgAXcQ"
    "MpQiIlCsFDqy0SB6Q+bGc//+3MTQ0Zzvc9yzJ0Fbq6iTtX4L8dDOeI/MG6fQg60LLim/SC"
    "CyeG3x7GDf0bcOK4NlRdcm8KDQeRSxpyVFu3wkd1ekCFDgIHY++s+wmNvVM0Pf9wBUyMAF"
    "RVZLkQqwhgbz5BNrlim44D0BuyF0BDFrTdOcIugFgD6gxijIzv6WM1UyXP1fFLY0/wsP6n"
    "hxTXfEHuDNnkOb/9Fv167NIWuobmlukirC6UV7To/P47vYg19A05tDn9ar0qUx0ZWgpzXa"
    "Pk/nXFXVj+tQF2P/sN6Y+bKKppeHMcN7YW7szEy9Z68AYvCCMbuoh279oeBR97hhGOVTQe"
    "wS+JmwSvmKDR0BR6Bh1CSh28QHytoygPjyNl2B8pSic3vBFFYjzCSyqZIWRqkFd1/F//Ql"
    "/hY/f49OL08uT89JI08V9zeeXir+DRMTABoQ/Pw6jzl38fujBo4WMcgxqPtILNPL43M2iz"
    "Ac4RZrAmPyKLdYRse8Gew2+KgfCLOyNfT7olyP7Ue775d+/54KT7gT7QJIs5WOkP4Z2uf4"
    "uCH4PteJM/kOoSFDXEg3WWrh6oowsx1vFWJBDY/vc1wI7oBAT7/LQC2OenhWDTWxmwXeh6"
    "DhvmPjlCfKgH5JXohpGHfEm9PbDpOM91l3bKh3ln+PX6fjAa9W+vwLKPMe7d3PSf/IvBzk"
    "ivPfd/7N/412xE5xS9Nvz69HTXv+8/jCg5ORgRPUfHePCgPPd/GvR/vgI6Vmz0pqN30uvT"
    "0/PjT36vlmWbb7SH2/7DgF7RENbp98Fw+JV+1x3HC+7fDX7qPwdNDJ2c2PTqzePdXfgyBH"
    "gjfBs6ooOgf1udkbZalk2oMp+OzyvMp+PzwvlEb6Xnk40cb46UsmnFXr05wrVmVHjotHP1"
    "1o/21LTneZB/HD4+sEGO2mew1XTVBf8PDN3JsVm1rdp/Tj2sUvzAxNMNV8fO9/Sx/+JcxJ"
    "WhL4Ga4kN7njvOn0YS4oP73i9Z9G/uHq99yEzHfbH9XvwOrjNDAbHzjmzGlC8ejQSJHJDa"
    "B4Q+HgVyQ9UBSZDIAal9QOJDU9FdNOdaKizadgwRfZ4wQ5QV8TnObwapeCd4/fx3qILhQT"
    "pBskWue25OdAM1NdGbZpSozu5Vcc1XhHmgzpAJpympfz4HiBEpiGDGUPtdm6aBIC5DO0Gb"
    "wXtCiJua38sr293Frx8f71K7+PVglAH76/11n8x2fwxII3L8dRIKwhh5ImXOdQdpigYXjL"
    "O1UOGao1ute90HvUkt6tcYXc1DCmQwk7cEElefIza2MVWWWQnJvo/+2L+TsQS+0eC+Pxz1"
    "7p9SU/u2N+rTO13/6iJz9SC7nS87AT8PRv8G9Cv49fGhn+Vjlu1Gv3boO0HPNRVsvitQS2"
    "ISXY4updcO9OgKsNGc/Dzyo7nXUBH9WmupZQNd91Ja6t7WWFBZ2hqWVet2LhtB7REbi3Am"
    "7Mk6Cydt6TKLFKxrDHyGVG6nbd5Op2QTdGZrjXOGVI5zm8fZs+g4rDPMaUq5i7d42MO3j0"
    "f9DdlO6DdTkT1KUGxPuDjeE3Zo6WOjcPnJZMmk1MbAduJhzUB8wKZoJP+eBxVhF9mWrTuc"
    "wOboJLh5cA1ybCixmx4fwmxiuTOwhFBkv+kq5wxOE8npG8BK/T6nr2wnxaT/aBrkz6aN9B"
    "f8H7TIuRhlgA1ddr8S9Pdw4v4VTaLoajwJbPi+9JbNnecEAPKzUaDtvekNb3q3/U7BPlwD"
    "uv1UZ/s1iatCnDuAVmMcrvgaAB7GPYmJbnpzXA1twGfVgOz1siMxgU0xpKtxzTABNQB8m+"
    "pM0P2XzTux4aYn3gSqr+/Q1pSCow+9IfoGOfSvQ7rP/3lGxjIAhQ18Ikql/yYW/KkpOye/"
    "x9ahUR9c92GPoiLmuMiqD60h6U1UpCy4oK+/IVhPQS/iHDL+HmZ2zcTeldrV8rfm3Xn2Cs"
    "Twxf9J9Nn0SUX7VnkE3nJvqxSGp8Q76+pgvNEMUQd8hLWPJjYWgGqTDR0jYE4B9MPorsLQ"
    "uMDx3A+Je0F+dBxdY0BDqk51l/kovHq7ZoTfbRJed62//F0i7D51uycnF92jk/PLs9OLi7"
    "PLo6UQm79VJs1eD75QgfYwqVavEIfHb8qUNo9W2TyqWa5d01ZskyWwlIVaJqkEjEer31Hz"
    "lfwuHoij9gKC263inNktds7s5pwzp7Y5XyM0K0Mmnlt3A/7G5ho4p4gkyqtRpmwUb5xCkk"
    "Y8jOuPxsamyzjzRuhbAXcZtRcB2zIGpv/LKMW75MJvlvzL3ePDl6h5NibnLwaXwecGkCCR"
    "BqlC7wpfcFzHvyJBKO2oLL/4NU3V9VipBZy8q62pkaZqQ61+JgXSns1jTrNqYhmvtqD4e+"
    "r2LNYtm8SVkU2cPKsx3Z1Bak/h3dgUtSUF79LSUq7jTRpkqql5U0ahlZreYvxr1qz+XdSq"
    "jSUu403rJHA6p+Ojoyoi8dFRsUxM72Uz8Pzp6TZ38G2SbItxt9HM3tuwW8f0bJaDUIkGYk"
    "kh4pSuXclDNxIHMdiGYoQTJCKoIRpPuEeA9KNXp1zTOEUlHs7H3csqU7l7WTyX6T0m1I43"
    "n0ObobcsyYCTo9wo/03LoN96LiJu5fxOUh3aSEXL3H57uHerNlozQDBNKY3le2UslzrXRn"
    "WunmWYUGNCW7x/pYjEO63r4Yqk8pXntG5E+RrM0zq0r8uO9mteVwU3taBbqhz0HYvLFYOR"
    "73E1peDS73m16+cjRsl6B77L5dI18zsHvJv269Qw38EBBLe9L1dg7J2hi/Oxd3l0dgr+AW"
    "hdhZNu8PVD3v2z/u7LKjBEG4Wsu7Br9SWnu8kmniZt2/YbdzWRmuHmEjPCqYsYRs2S7NQR"
    "gcyzW7v6QXcU8mj4ypjupUr6FJ3Mjsmjpt+/OhfvUHcpcHy4d37uDUaDB8JwhPRj/PjUf7"
    "gCpoVwcRWLKvUqbnoPN/27O78SBYXJMFBLqk7Q37aWmilFKJONtSfrVF6rJDOwCj26SNW1"
    "tZZwmlKOcttHmZ07rsSYm6ART2/ZgM3FnLPd7Ip99hMkIiC8bbd9mRCxI132267Ryh+1kw"
    "Wvy36GTrrsty0eQsSpK21yPIdeIzY5mU2qIe999rZch/FT6NCT3EnUKvOnp+nunfnSYdk9"
    "o3uHpQZP2koxwmarC84nktDYSDVtjRoig9Qz1MmIfrMIw2liaABq17oC7zMzuEX+cBD51N"
    "UZCH7foZ+g5n22YNSdb/BBMv/Nvua/kZlRtpTsICxvzuumnSYTQb5v2lQaTHOF7ls8BtMM"
    "2fbNpgL5Z1ueTZpwbSkJEhH3kyaiEaR7djH6ArtnyywjDZS08w9ZvmoCKSIJ62p1j8zLUH"
    "tehnASSlRXZbdPLdY26RvC9PcMbUOcGL9Y1xAkl6/oUk19lo+O6Of0nH5eTq6AQ+V/Iu+H"
    "6f8d8K67M2BiBGhG9aSLNBX36fU5sskPAcv8Dj5PnNc2NP0wmReiXY7VKpmcPPx+1F64ou"
    "zSsXqvtAXkhXWss21QxcqCNJXUFWygK5DuFzXsyykuW3/jdUyPiWTumOpO6bJ+bvGs3k/9"
    "C8MLMleRRJZ43In2QNbFakVdrIT/SX0FjMTROzRal+fG9GgJxA5DVxDdOixTFqhBo4ragp"
    "5rznUVRETggIjZQIO6sQBQVZHlr66P2JtPkE0kejIs5Dsj0nqDfjaQ8XcZ59siYbQuealY"
    "7n+DhsdiN0s8OJYk2zv3jpo99LbgxJE7GnejrkwcmoxtKH2kFu9E8YEk08NKNaCQO69UA+"
    "7BsZbM7GjarsILcZpKQKDrn8UWgYjPMSgiEM/3rX50oabZyOHKjJkgEQ/h2vyuONivpM5C"
    "U3YlMLdtXymUmFMebdBByo5Kb7dsHlfCS9aRropUwlFifaxijwwRIdp2qe29BClyXdkMpG"
    "HQi6ggabqNqBsbQwXHhZILp9N7RBWDoiLl0J+oeE6olV0fK7Hc9xpVo/epHtqydQd1GCqs"
    "xN3DMhUWWrarqk8HBnqBRhhiB6YmOUzAZAF01wFj7wJp08hl7uLTCSJ/T48h/UTH5MpZ95"
    "LeRSfk78ujY3Dw5ZpID7R8DEPh3uCDpLqtZeo2G9FgU26tW5pMOOXbcSWpr0Toy8XaSOWb"
    "jGWSvjR1xDKtpUmRbgfVeUrC9WBXMXT8WgNPmWaH9mzl7IS9/AxVNESOE7xrjr9M3i5lMK"
    "ekoeIELSuzmD8jciS5gNKCN2Tr03Cqg4Oxd9Y9uRh7l8cnlx/ADNJMENPpFTA9m/xzyZP+"
    "JMsUzMkLIQ24ZtjVd07QD03VwWI1m3+gZDnbxXIuR4eHHUoRicduNsERxWuEB+g0lXBIN2"
    "D43Y9ScjR1D3828XXnc+3ZT8L1b7MKgZbFeSSIZIR1PgIBfbN0wo2vITWlKQWUmvZESmJE"
    "HARikhSOq60osYTjdB4jrDuztYY9Qyqzqrd5dVPrD18UUYJChg6tDh3yHFbppKYyZLQN3K"
    "qRQolJ1ab8GHdIe/HVUPaiw1CnJG8flqlTDL+hgkhLvbLJriRj5tzEiH6++RV4fgCON3cA"
    "NN7hgvxHtgcUJLegwS6EDtkOX0LO9bqXaThbHMFxWKJUeSU/nkcGjdqLaF6qXfiEcxp7pk"
    "wRT5KBNJE8ZpnSp4tsDA1OXWCGTOqoVuqoTFX1bHu9CmlpUgElQJFEASnoF68xcQV9n4Hj"
    "kwCTJPJsWi0C+njVIAM+wQXlxx+j7vYM5aqyYHJ6tUkYjJzLGYJgwu+8WAhMurivFv+G5p"
    "yIUQRPWhZed/X/QxiY78jxbdvo0+nYu5iekM/zCXWj/HR58enDFWkauoiDKRHSliXlD8n/"
    "5HHTqa6CqY7pd2xSGQ1gE3904TcQvlteTNzdazBL2keiB81IL2vZ77SWvRQaI567W4Xn7h"
    "bz3N0cz81Zp2GT+gzthraJlIvxa3FAnCETEOpG/Eh0F80Z/g3FuS2XBNtPa9n559TDqu8/"
    "NvF0w9Wx8z193r86zTJELLgbSXYpVVHNqKIIk6PQecsdCZEjFHBbqT/NQJnTVB9785w0tX"
    "sHKg9bUNc495HO14en3uD2CgTUYxx8C/5+7n/++nDbJ9/J4e+RZ5NrN72Hm/7dHb2o0t9u"
    "GEjLMvS7UYJL1VIx9OKqluhMXWPIE2TSd6TNCuNdF9tu2dDKctD7hK4FF7x67ySJxHS13t"
    "vHqwa9t+C+T8lpJetp14/vGvW0d1kcvmWnWlWUq9aGrxJwGziV5ZHnTAUkorGs0ejRELMg"
    "aRnbzBXfP1xh6/IXXJxOrUoAaRDDibRDoCHVXlhktKIYT/JogE13GeJ5CByXrENaqEtFUY"
    "IRXQMTNCWXyTegO8Cfk4gZOtrko6Qj5J46Qvqzldeh7K2Q0ZbeZHnzSwCXjxA3yBGVgFrS"
    "0yq2l9Ni08tpzvJC5HzTs1UGzMXGlySNLCu2gaXFRirS39ZSeGZIpcazLSqxSuWxAy6AcY"
    "aXFkCLqbZYAW15Za9KoHEk8NkCpxxIF8Wc8lL6WM0pxzLPak75ESMAXRfNLZfmLiFdABj5"
    "TgF3ZpveyyzJzR78OOw9DRjZ+jbpSKZGaZdDFk2+QR6noTWSdiTphGNiG0h0Lx0pGtHJ76"
    "Flf73UKJ2n/sPt4OHLFQjp08Z9wmYOfSu+YTrUsP+5N/Ct+lOot8akb9mIHBScwnKKSLyC"
    "D/WLy+RR2IFqoYm1GOo8ZS14t2hfrx/tyJWGc2fPkglTWU6mCpIOITKCUCo9pJvX33lVvy"
    "HbYRrCy3LnOWzjbINn4fGenIWheoXb9ShBJIVH6dC1I4euKMx1Q5cY8Qo1Hea9uhIrdrXL"
    "kXSWq8lZroqDUZCPi2Gm4XAwyiT/EgRvhjy8oSPWs9+JSBBxGZYyRmGLwSdHaD5iNDLJRx"
    "VMl13tJV/MxpTD/hYBwDC9JbAptrqFY1HVMw0Dss+orm1iXQUhLc2A8OniDI29C3hEPs/P"
    "Ts7H3tnx+RmtZHVCPs8mZ36dq/NLcvfkHAHHXRjowyFwyI5O/ckIn+w7k6kQ056hAagzAc"
    "NdbfvPl9a9dln3sBdVIqyqAI4ppEVvpUWPsBWGCRkTt9hZKkEifaU28JWimxF0PZshVozQ"
    "t4JtI0UkhD9gmcao/8uoHPalwuju8eFL1Dw7FmnYXxGv8S6mEALwprcUqQwvhl5cZXgr0u"
    "ntPSe0kZffysR7kZxVXVe1USTRTkejql6FM+neRs6TREIzsaobui/lPiPLtIskuXy7wxVi"
    "XYJCsX2SakJeMaJSFGqXKDTRDUOhpx/7XGWDmyIqO1L38DgtQZMeiVl+25vPYaCzrCrqJE"
    "ikqLOBqKPp0ymyETltuHKiZcjkEGwwBJIrL963xeLKWxIpEpo/mOxNZBgpY2iWFhjJwQjD"
    "wdCQi2Bk14jVSBEKp9qt36lXBms0429DTguHL4duTCGgAvHyqMLEvTwqnLj01v5Hw9imSo"
    "vGrxEQ8/x40x8Og5iYZS9jPPx6Q69fAcdT6cV8cEzv+uHx+b53dwXgBJv2HBpZ+2mV4as/"
    "QCbcp/l07CkiGbCxam+X3Hwx9GJx82kNBtkKkLbWuGdppet5m13PW2FN2fVCrp1vIz/LoX"
    "vfhG0BLolzy1HKvK2y+tO2DVFFk7kGjCs6T7dsAleFlrF+21RfaxjUjOowVGXRrcMyXVlY"
    "c6pytsGoRhWtwECdKU/R5SQsYRXUN/ZdI2kBS+yCF0/X0A9hfWSkhUn/DMcEr8giXzAI3/"
    "GnIPaJlXOw+QdKRV+7FH28BUHqrQPSItGvfvHa/58D2qi9gKqn+uVqWdytyYrgnqYjzMrM"
    "WAxwkmaL+ryw4iOnMq81SBv6GzL0mWnyZuRLE24xKV+0Q+9VTr6UxI4NHSMyqATAPOjDOT"
    "SMYtE9QyuS+H7SvThfchf0SxljMbzv3d3lsVVnEOOQ663qO5KkkSX1UpO8DncSncg8VMfK"
    "t70kqGTCT47NZWa6ig3xK+/GkqQTSGNVx57ii5k8G8qSQLqhbbBvyJwqnTp12jTP3RtjGp"
    "enXV4SSQav+h7sWdqaJtc0pTS5ttgSl8sEIWvRbdFiJEt8NVTiq0pqmEQdqw0TnwhZ9ovF"
    "xWyIU9qOIdAsbbRWVwa1YqNZAteVtjMlOaL1Opz/Fj2Ddh0xs79L69QOrVN7IoS0HmEpTe"
    "9YmsYmKxi0xBZoMuNA13Ow3fUUTtlQukdV3NBJq0Irin9PetmKLfJV8bKlPidrOAlmyQTS"
    "t9ZX5yTktriATRPJ43e1HJ1gODcUohP+Z3sGcVUJOj27VjteLpd5DeiK7XWZ3RBb5XLpwu"
    "n0HvmJAlkSZOL2Yan4SBsqc79lRf/L0YzmoyRkQNNtpLqmvQAHjh+a8QP1brRsU/MC07Gz"
    "INNHA1PbnINbMiQjaLx+uALvMxPM4cLPZkkpoBN0eBg4U77PdHUGbNNATt4Zc+tPl56Z7Z"
    "J9PbLn8IXmxRTCeWfW70AovTObLFNFdxUeLcOSQHoA1a57kKbnrZmepRFSGiFbzOhvbIRs"
    "ktP/avnJqhlMfninlL/3/DaVI6umuoEABKH3OAioCQ99YGmEP/7DejkEFn75cAjUGVJfyY"
    "3JAhB4XQLdD4SLJrPLv+T6TDrZKF5Ibxq0XGSzwqoaflrNnHsxDyQoc1lXZuWS3PiS2VzG"
    "UHQvqwRRdC+LoyjovYz+P1gsAVAcOGfpBMS7/rThDtnEeLTCYXPJ0rD07DPYPTvnmbIxRV"
    "OTVSQpPzwulVfEUAOXgJwmE3BbaGYblmbYv6EZ1nzH3ClwEiTyXKiQoYXitT07VtvQrZyZ"
    "JTGt1vev9RyyEekMp7M1XWvvCdC2DqtozfbEgNio26g/R1laAGeVjY/aPyprACzS1sS+kY"
    "wayByg46uEjH7wMyLsgQtMC2Fd+wBMO7TGHUQWNhCYWz6wBP76Oh/jMR7cAog1YJFphkBQ"
    "NM0B0EaRagBh1V5YLlUo9PrDj19u7sNsLRAQBobqDgwygYA/icCUPMwwzVfPOgSW4TlUqz"
    "DGc+hQvQO5OScXyKuR48Eiw44c4MzM90PgmMF1+o28I+nask1fr4FpAhigIf8dyHthsh5I"
    "C2lTbKFNkZpZ2Hzw6nStEW3rkzt0bgajwa/9h6tovY0x4XA+f74KFtkY927vB+Qu1ObBLr"
    "/7NBDBRsAjocQUMgdrGt28EKiRhyv85vQMmcR5Fc6Bjw237TdDJi3AtVuAt6p+bhkP2/Sk"
    "1zUlYMkUwoblQS4uEJojFAHtMrVGEzVCYxAnuvaNz5aVpWwIf5F2+Bi0QGBYD/CYVoQpnw"
    "lvqYJ5txjzbg5zX+zj3VxSRCKgvO2NJQCQd1NJU8kNZeWGEgDGv5lk6USY4k0LmW9EkiGd"
    "rWOeyZDKkgTtSYSSt8dMYRAmv+5gs+jliLd5xKXdtXhTFdfuKvNciTbqjMXesjxXLdvEhf"
    "UwbxnOf6MsV23byiqluVKhQ6T9N0Rp6sKq/ybUVM1soqpeQ16wBFpDF1mCgkUz+9OivmF4"
    "xQZw0Y7uzBehcXK8yR9IZRwYEqm0hOrQAqobL8HPpKth0JOom7sFF/T1NwTqKehFYJB8ts"
    "MvzrY5VCLWsUtHaPtlfB1lWXFtM8ie/e4E3a6izDM0T8q2M4nuI16JWMz1kYqDPkVcfmR7"
    "QbZl64RtN3T8uilWZIb2lz2KhFnTjsYJ1ApcjtO4ljsfK/GwVvZDjnyCacIF6ldLPWhB3M"
    "935PsLrbZ4MPYukDode2fdT4hWZpxApuvxxv0xM+N6ofN13JHMjNtST142rjvw3vXnWacp"
    "fBs2lkqTSjH0+6lcr5RRND6W+VKKZulkUBurMIvDGyeYoJCIrrZXRKe0jBIsM1IkJlWFLK"
    "Ip9m9DYIXk0bPw5vbCNiUZ6iFbV2cdBq8f3inl8WHcptbKE5KTbmONiWJmurjIhAipIbpn"
    "Z1V8mM/Oip2Y6b1MEkLL4kE4bC4guseV6h8cl9Q/OGbUPwjyGOURLim7G5PIyh6csVU5Fm"
    "ybh9lf/wN1XmSO"
)
