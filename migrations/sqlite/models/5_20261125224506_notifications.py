from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "dingtalk_callbacks" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "signature" VARCHAR(64) NOT NULL UNIQUE,
    "event_type" VARCHAR(48) NOT NULL,
    "body" JSON NOT NULL,
    "received_at" TIMESTAMP NOT NULL
) /* Each accepted DingTalk callback, by its signature: a replay of the same signed request is refused. */;
        CREATE TABLE IF NOT EXISTS "notification_deliveries" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "event_id" BIGINT NOT NULL,
    "kind" VARCHAR(48) NOT NULL,
    "channel" VARCHAR(24) NOT NULL,
    "recipient" VARCHAR(96) NOT NULL,
    "dedup_key" VARCHAR(200) NOT NULL UNIQUE,
    "user_id" INT,
    "message" JSON NOT NULL,
    "important" INT NOT NULL,
    "status" VARCHAR(12) NOT NULL /* PENDING: pending\nSENT: sent\nSKIPPED: skipped\nFAILED: failed\nDEAD: dead */,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMP NOT NULL,
    "last_error" VARCHAR(255),
    "created_at" TIMESTAMP NOT NULL,
    "sent_at" TIMESTAMP
) /* One message to one recipient on one channel, derived from one outbox event. `dedup_key` is unique: the */;
CREATE INDEX IF NOT EXISTS "idx_notificatio_event_i_78d72d" ON "notification_deliveries" ("event_id");
CREATE INDEX IF NOT EXISTS "idx_notificatio_next_at_e91cc7" ON "notification_deliveries" ("next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_5a1375" ON "notification_deliveries" ("status", "next_attempt_at");
        CREATE TABLE IF NOT EXISTS "dingtalk_approvals" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "process_code" VARCHAR(64) NOT NULL,
    "instance_id" VARCHAR(64) NOT NULL UNIQUE,
    "approvers" JSON NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "decided_by" VARCHAR(64),
    "created_at" TIMESTAMP NOT NULL,
    "decided_at" TIMESTAMP,
    "step_id" INT NOT NULL UNIQUE REFERENCES "application_steps" ("id") ON DELETE CASCADE
) /* A DingTalk approval (OA审批) instance created for one workflow step; its callback decides the step. */;
        CREATE TABLE IF NOT EXISTS "inbox_messages" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "dedup_key" VARCHAR(200) NOT NULL UNIQUE,
    "kind" VARCHAR(48) NOT NULL,
    "title" VARCHAR(64) NOT NULL,
    "body" VARCHAR(500) NOT NULL,
    "link" VARCHAR(200),
    "created_at" TIMESTAMP NOT NULL,
    "read_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* The in-app inbox (消息中心): written by the dispatcher in the event's own planning transaction. */;
CREATE INDEX IF NOT EXISTS "idx_inbox_messa_user_id_40a6a8" ON "inbox_messages" ("user_id", "read_at");
        CREATE TABLE IF NOT EXISTS "subscription_quotas" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "template_id" VARCHAR(64) NOT NULL,
    "remaining" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_subscriptio_user_id_84f9d5" UNIQUE ("user_id", "template_id")
) /* A citizen's one-time subscribe-message consents for one template (wx.requestSubscribeMessage "accept" */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "subscription_quotas";
        DROP TABLE IF EXISTS "notification_deliveries";
        DROP TABLE IF EXISTS "dingtalk_approvals";
        DROP TABLE IF EXISTS "inbox_messages";
        DROP TABLE IF EXISTS "dingtalk_callbacks";"""


MODELS_STATE = (
    "eJztXVtz2ziW/isovbRdq6Rs2bIdZ2urfFEynvFtY6d7alpTGoiELLYpkM2LHc9s//cFQF"
    "K8gRQhkTKJxosTkTig9AE8OPfzn97C0pHpfjyzbdPQoGdYuHcK/tPDcIHIf3i3+6AHbTu+"
    "SS94cGqy8TAeyG7Aqes5UPPIvRk0XUQu6cjVHMMOH9U7Axp0EdgZ+8PBJzT2D9HsaPcUWB"
    "gBqGnI9iDWEMD+YooccsWxXBegF+S8AR3Z0PEWCHsAYh1oc4gxMj/Sx+qWRp5r4KfGnuBj"
    "43cfTTzrCXlz5JDn/Ppr9OuxR0cYOlrYloew9jZ5Rm+9f/6TXsQ6+oFcOpx+tJ8nMwOZeg"
    "pzQ6fk7PrEe7PZtSvsfWED6Y+bTjTL9Bc4Hmy/eXMLL0cbwTd4Qhg50EN0es/xKfjYN81w"
    "raL1CH5JPCT4igkaHc2gb9IlpNTBF4iv9SaT27vHycPocTLp5ZY3okisR3hJIzuEbA3yVV"
    "3265/oV/gw2D88Pjw5ODo8IUPY11xeOf4jeHQMTEDI4Ll97P3B7kMPBiMYxjGo8UpPsJXH"
    "92IOHT7AOcIM1uRHZLGOkG0v2Av4Y2Ii/OTNyceDQQmyP599u/jL2bedg8EufaBFXubgTb"
    "8N7wzYLQp+DLbrT39DmkdQ1JEI1lm6eqCOLsRYx6xIIrDZ5zXAjugkBPvosALYR4eFYNNb"
    "GbA96PkuH+YROUIY1FfkK1GGkYd8Sb09sOk6LwyPTiqGee/h+/nN1ePj6PIULOcY47OLi9"
    "E9uxhwRnrt2+ivowt2zUF0T9FrD9/v769HN6PbR0pODkZEz9ExvrqdfBv9fDX65RQYeOKg"
    "FwO9klnv77/d/cxmtW3HeqEzXI5ur+gVHWGDfr56ePhOPxuu6wf3r69+Hn0LhpgGObHp1Y"
    "u76+vwyxDgzfDb0BW9CuZ3tDkZq2fFhCr7af+own7aPyrcT/RWej85yPUXaFK2rfhvb45w"
    "rR0VHjrtfHvrR3tmOYs8yH99uLvlgxyNz2CrG5oH/g+YhpsTs2p7a/975mON4gemvmF6Bn"
    "Y/0sf+j+BLXBn6EqgpPnTmhev+biYh3rk5+3sW/Yvru3MGmeV6Tw6bhU1wnlkKiN1X5HC2"
    "fPFqJEjUgtS+IPTxKNAbqi5IgkQtSO0LEh+aE8NDC6FXhUfbjiWiz5NmibIqvsD5zSGV7w"
    "SvX/4OTTAiSCdItih1L6ypYaKmNnrTghK12T1PPOsZYRGoM2TSWUrq388BYkQLIphxzH7n"
    "lmUiiMvQTtBm8J4S4qb29/LKdrn4+d3ddYqLn189ZsD+fnM+IrudrQEZRI6/XsJAGCNPtM"
    "yF4SJ9osM3ztlaaHDN0a22vXbBblKL+TVGV/fRBHKEyUsCiWcsEB/bmCorrIRkH6P/dO9k"
    "LIHv8epm9PB4dnOf2tqXZ48jemfArr5lru5k2flyEvDL1eNfAP0I/nF3O8rKMctxj//o0e"
    "8Efc+aYOt1AvUkJtHl6FL63YE+fQMctCA/j/xo4XeoiH6td6llC133q7S0va3xQmVpa3it"
    "Wse5HAT1O2y+hTuhI+9ZuGlLX7PIwLrGwmdIFTttMzudESboztda5wypWuc2r7Nv03VYZ5"
    "nTlIqLt3jZw28fr/oLctwwbqaieJSg2J5ysd8RcWgZYzMRipPJkimtjYPt1Me6icSATdEo"
    "+T0PKsIecmzHcAWBzdEpcPPgmuTYmMRhemII84kVZ+Apoch5MTTBHZwmUts3gJXGfc6e+U"
    "GKyfjRNMhfLAcZT/hv6C0XYpQBNgzZ/U7Q7+DG/SPaRNHVeBM48HUZLZs7zwkA5GejwNp7"
    "cfZwcXY56hXw4RrQHaUm69Ymrgpx7gBajXH4xtcA8EM8k5zoppnjamgDOasGZM+XE8kJbE"
    "ogXY1rRgioAeDL1GSS8l++7MSHm554U6g9v0JHnxQcfegF0W+QQ/88pPvyt2/IXCag8IFP"
    "ZKmMXuSCP7VlF+T3OAY064PrJpxRVsRcD9n1ofVAZpMVKRu+0a+/IVj3wSzyHDKMh1kDK8"
    "G7Ulwtf2sxWGSvQAyf2E+iz6ZPKuJb5Rl4S95WKQ1vEnPW1cl4j3NEA/AR1j9Y2HwD1Jps"
    "GhgBawYgS6M7DVPjgsBzlhL3hFh2HH3HgI40g9ou81l49U7NSb/bJL3u3Hj6s2TYfRoMDg"
    "6OB3sHRyfDw+Pj4cneUonN3yrTZs+vvlKFtp80q1fIwxN3ZSqfR6t8HtU8157lTByLp7CU"
    "pVomqSTMR6s/UPOZ/C4RiKPxEoI7qBKcOSgOzhzkgjNnjrVYIzUrQyZfWHcD8cbWGjiniB"
    "TKq1GmYpRonkKSRj6M68/GxpbHOfMe0Y8C6TIaLwO2ZQLM6O+PKdkll36zlF+u726/RsOz"
    "OTl/cKQMsTCABIlySBVGVzDFcZ34igSh8qPy4uLXdFXX46WWcPOu9qZGlqoNrfqZEkgd28"
    "eCbtXEa7zag8J46vY81i3bxJWRTZw8qzF9P4dUR+Hd2BW1JQPv0tNSbuNNOmSqmXlTTqGV"
    "lt5i/Gu2rP5ZzKqNFS4TLeskcTmn/b29Kirx3l6xTkzvZSvw/O4bjnDybZJsi3m30c7ubN"
    "qta/kOL0CoxAKxpJBxS9du5KGMxEUcsaEY4QSJDGaIxgvuESBZ9upMaBunqOTDeX9wUmUr"
    "D06K9zK9x4Xa9RcL6HDsliUVcHKUG9W/aRn0W69FJGycf5dShw7S0LK2Xwd5t+agNRME05"
    "TKWd4pZ7myuTZqc/Vt04I6F9pi/pUiku+0rkcqUsZXkdO6EeNrsE/rsL4uJ+rWvq4KbuqF"
    "bqlxkAUWlxsGo9jjakbBZdzz6tDPO4yS/Q5YyOUyNPMnF7xazvPMtF7BDgSXZ19Pwdgfou"
    "OjsX+yNzwE/wVoX4WDQfBxNx/+Wf/0ZR0YIkah+i68t/lSMNxkk0iTtrH9xkNNlGW4ucKM"
    "cOYhjlOzpDp1RKDq7NZufjDcCXk0fOZs91IjfYpOVccUMdN3r8/FKzQ8CpwY7r1fzq4er2"
    "6JwBHSj/Hd/ej2FFg2wsVdLKr0q7g4u70YXV+zThQUJtNELek6QX/bWmamFKEqNtaeqlN5"
    "q5KqwCr16iLN0Nd6hdOUapXbvsr82nElztwEjXx2ywZ8LtaCH2ZXHLOfIJEB4W2H7auCiD"
    "0Vst92i1b+qJ2+iYbsZ+hUyH7b8iFk3LrKJydy6DXik1PVpBqK3uez5Tqcn1KnnuROokbd"
    "n4klIl/eg+bzJLCRQU7brqio0B1Gjxb5U6kOE5sruahyLNsf4o7jNBJ8z3EOrWLXcW7BKv"
    "qOz8AloXwklCCiBDt3Z2N/OIX7Y/9ocPxpFxjhVwBhrBqYWQ6wMIpdv9Qp/BkYngs0aJp0"
    "e4Fg67rAmyN2O+9Y3vKzVXpMu/zLZMU15LrCreazdMopWsEpGr1GgrF0GTLVFnC19zlwKg"
    "n2R04SKS907V7orgTB+xiL+0FbY48tk+vLrd4xlQxW2cY76apcgz9hroHyG/4Z/IasaJdY"
    "q46Yoh5LaueVjpwdVcQ8kl6K/DpE5g5xU+u6taffdT2qGqoSu7CCiWqzqHtfN7xr66nHM5"
    "pE9/qlcfZ01MQMh622kSRqHztIsxydxr8HFY/peUM/2UR4tzA0AVV3T8Hr3Apukf+4iPw1"
    "tDkIfl+f1UV+nb9xDCINPkiVXe5q2WVVkHdLNTb96W9I84SrA6TJlAKzWoEJtvmE8i0RK0"
    "mGbPt2kveRYRuxiNi+Q4aI2V1jEhn5SRNFMJSmXoy+vJq6Km5bfxPL8JAV04xTRArW1VFG"
    "qhxo7eVAw02oUF1lQEi9rG3K8g+7LnKsDXE/xmJbQ9DTsGI0Bk2V39ujf2dH9O/J9BS4VP"
    "8n+n7YddIFr4Y3ZxEQtJFfMjOfqvv0+gI55IeAZVlRJhPnrQ1NP0zFW7Qr3kI0zqLe+IoW"
    "Of1VPn+nrAXkCxvY4Ic+FxsL0lTKVrCBrUBl/dTAl1NStvEiWg8hJlIli6vXQvBtfU37S5"
    "pS2V/aYn/hONFzjXD5Da4rsi4+scpRWm09UO3YW9GOPZH2VF/fbHnsDo22g74IExAKe0Gn"
    "B/QrZXREWQ0VbQgjqM0B1DRk02yJZYZFNEsfTN9YsoRLXkXo+Q46BRA4yDbhG40vYCkT5E"
    "uz+2QC2i0BuR4wXPLfme8iPW9J2M4jlT2hXfaE5WoKecuTRNJZFupXflkL+AAhAZTTVBJa"
    "GQ6rOGsPi321hzlX7dTShboUROPbka1BHytNtkbUC2ANtS1DqvS2tuhtRX7zjWJ1axTc5t"
    "C7Qa4Ln7iOnuTtUqFNIwMni2CkQPVmMsbX6Kmog5CYfIlxjy7nmIwh/0M/vHGPMJZxTyM/"
    "Nvzv776hPU+oIGUgN7w2h1i3ZrMxefjHjx//ALSlOZG2XES2q8Mv7rzVp6s41I7GoQZrKC"
    "TrLSkklECqCCDF8kc+UszCHtdoUiyBJEiUe2MDcUMF6f1ZhI1UXA456YTrrqWJlFF4tVE4"
    "RKwGYzCVwR7i2ToGc+UwqNQOa1MYVBL/AhE5sTwrROTwZwqIyAQ56lVm1uhTYGBmNVwY2P"
    "hgO9aTAxe0/UhgQPxA7mqGZ/wb4V1gOWSkY/lPc/ALol8yknGB7btzQoRZvXBDL+h8sqXn"
    "KuNmu4ybZJdijDhlr0ripWKSLdaMoFsx3IlN2X+2UdNerCxNTNFQupVMJuQONoSYWp7gZu"
    "6d3z2eAkI3xv/7ffSddm4gz/NpM4ezr6wHBGG9tP0D0QoeWF8H03LXa+pQs+YXhtoKl8HK"
    "0smXeFg/pwm2xBqaXopwKxU03iHJv+1qHSf2J6/X0Z5BeI0VTtKpEiltXuGAc69jrkkSqj"
    "Vu9Rorm9yf0CZnQtdbY8kTZNtZ761qB/IuN5PIBfOknzaMyW0Zz5arKYPk4PpE5RKDNUGh"
    "AF3pK/Bdnn9Z5Umnm6HHW6rN7Sw6iu4a3SzYkaS27aqiCU915DYkI6vWz2vIRHN1TP5/n8"
    "QGa2Gb4cPyrr/lzX6p4y8aVs3rVwyI8pW1zFdGcHiyHKGq30kaCaPD6jdde4YnVgFySSAh"
    "vEd7VZxke8VOsr0cvOiHUCPRaLwU4JbZFJpoIwo9D2pzKmWJdclIk7Uj80KqPhlBDh9r+I"
    "ItEWaTI5TPG1l/1Rjl+d1icd/uBUHQIBdBxtK7ux/dnrLAshZGOuhEaF+je8WSSkJnTkes"
    "+ZV8djMTPomwsWi8fOyr5veGplhxlKti4XRJIAO02xZOg4S29ZJPk5QqwKDNzEoFGBTzMn"
    "k9zqpnfZP+0Yj/LZtVV0Q3R6d8pW1wPsu4XVvjfW4buJK5n7sK7xr+55h7bm/3tozXVkU3"
    "d9C0Kr/S8rHHvJkcB2twq1/uXmWDKqZUnnnWwtBARAR2aFqjDg3zDcS23A/YX0yRA1xakI"
    "185qRIbjDPBm7cZyTkbAyHq3JjWTdYmCtW7Np9gabPK1VcUnVlSbI9oWOvWYljC4VXWlIG"
    "6RKZBu02yWNCy3ulXAhbnjELi4ZS3kpJDJFSSFGWtGex9hIO0gzboA0nLMwuhFm2faCTiV"
    "+QHpQYoncs35taPwCrffcR/EtHum9PyKv/L1pIMthPpzR7O8fDtvPYMdYN14aeRngdMDA5"
    "aL2wvcbdLbi4u/1yfXXxCC7vANm5f7m6/doHrhUUyWRN4QHEwTMApj06AFF6XVZZiexZ2p"
    "gjWJyKjPXXhEcDox80et5DC5tF0f9T1V9qZf2loKaj6BokqZpiyLKuRULeID9WSOAIx0sR"
    "HdJ05c2ulFrYGsSDKmLdoFisG+RKACyPMxGQU0QSwvypSpDBp+Igg0+5IIPl2S8Cc4pIOh"
    "VlsFclVI+MKt7Ne7lgPZWIU7NxeRFHw1cNxkuQtCMQT6oSyMbCthwP8hh2aZugFN0WOwUt"
    "r3S2VVAHA8RshGmTCME937sf3V4S/fIUhPRj/MAK5LisPs7D367u72nYmPts2Datn/Pl7O"
    "qaXphBw6SfL0dn5JMedmEX77NdJbSvOIxyPxdGGequnLUrTiNOkEhjpqrtNMhaBHK4lgdI"
    "cMjlS8vvSFBEpVgYVj8BOQ6v93Ox3JqmkiHSLCO5DodVJNfhsFhypfdUrWEVdkRP1jWWPE"
    "GmggnbxkBb47FZRkVwfTbJmImSXmPLcSo3V7LcXNX0WzX97kwgQuLInFuONxGFOE0lIdD1"
    "72KbQCSE8ZJAPpG/fnSJEEHkjAKzUoFtIiaRD+H9QRX3IRlVYv9hDkQB8SvZoZjoT+/UHr"
    "dtfKWwjExKXYUumrAQgvqwWra+7dY+roSX6yG7PqQeyGyy7qypj3Vz00JO52wSWSHKNUpZ"
    "Hyix3jldfPPSxaU2QCpZy0rGXWXDN/r1N4TpPphFVpDI7yFzbIjRNzaJpO+bg7Q40HdToJ"
    "JzybqlwqItG0L1EMwiK0i6QfcVt5ScEEoenM1uEM05kRUpl/7ECQ1r2nBHyZXx1WgRzBFN"
    "cbIdw6UA5Gztibv9Mls7Wo6rmqoFTPQETWCTtbYwmFlE6gXTN2B4Lhj7x0ifjf1DtLdH/v"
    "/pAJH/z/Yh/Yv2yZXh4ITeRQfk/yd7+2Dn6zk4GOzv7fFyuRp8kPILtMwv4CDd8IRLj2XI"
    "pPMS7FcyT5VYp3LR7cpLUL/xT0VUVENfroiKtUy+72Xu7Yq8lO/HYhr4uQaZMi0OdezNeR"
    "fx8gvUUEmD5eTtUgFzRgYKNlg+i3oUU1pAU3YjdRzsjP3h4OB47J/sH5zsgjnE+gdrNjsF"
    "lu/Q3FfypN/JawoWkEYL0/zZYKqf3GAeWmqBJ2o2/0AlcrZL5Fyujog4lCKST9xsQiKK3x"
    "ERoNNU0iG93bbKBdEp3UkSWXc/1163OXz/HcQR74tLkKSIVMJfPsUD/bANIo2voTWlKSXU"
    "mjqiJVXK7FDKcfEbJZdynCrEbWDDna+17BlSlXbQ5rdblQRVJUHfwQjSFy0J+j6ZMVd4av"
    "2I2vxx7Cmp+/0yg4pBR06SvQdXW1Qe5wgY+AOZFDByatY40k9OyN+9I+ZHG+hjfzjTDnZP"
    "watjeB7C1NfGyicm64SxKywE8ycXWK8YLAuCkW+AXciqIOQNLO/w/Cplx6I3ih6+qthYCU"
    "t752JjqpLNdirZqMJiDRYWUy0TGzWATS1diD1E4yUEd1iJNwxLeMMwzxuoI04E32i8fFlD"
    "jbBeZRspRl9e20gkeAoueYJM2USUTaTVL6+yiSibSIFN5BrpTyw0h1/iPXm7X2YRMdnACS"
    "IjKxd3P7OpK/KDRY4VWl7dcnRgzahlwXkDCwsj+vcF0Rokn4HrL1wAzVf4Rv4h7AEFhdKp"
    "KYLQIcflRJTUPn3N8SPKeLEt44VSqht0yMMFbfUymQW9iSuesWkidcxyPfIecjA0BeOjMm"
    "TSWd3qN1tYmuY7zlqKX4ZUQs1PJlVAKfjF75i8Cj4T4MQ0wCSJOptWq4AMrxp0wHv4RuXx"
    "u2i6jqFcVRdMbq82KYN3rHFVUI6Howwmb/fLlMGgAVaiTFCVfAPdWhDIwo5Wkf859Da75I"
    "sAKt1PoYuSbmYAXTaAtn95QsDwQDDvFNHGg/E4aObVw6afOMYBDrsfAfW9J/ugueDVcp6R"
    "AyjXpT3Blg52HTjWq0u/haEHqieAcTcv9ujFZ/CveDw5kmhfsTF2EW1NpqFQw436f6Xbky"
    "1d92BOfscUodB7T+7vIKjNY7JnhGyXJfpSFz9z5JJrb43k7ipFWCnCEniX4RORWp4IHiII"
    "p4gkhLl+dc2Gb6YFOdu4uDVNgkS1pkmJ7XW0plFqVfG7IK9alRJBRBc+R7wVH6pqB9K5av"
    "ZRWTmOOpKoOFesiiSL263WQh6sBRFoWW9doBme8W8iH1uvVLIf+0P06XDsH88OyN+jKa12"
    "8+nk+NPuKWu5y2pwgRlC1MVEaCGdHVK9YUZkfjAzMP1MVAAaQost/MGDP0D43fKeq/f7Gh"
    "zB/telEOigWRCeqxKm3ylhWonvjbZEnYlgGw6XENr6Rfbk1xKAOEMmIdSNpPsbHlpw0tCL"
    "1aMlQTuUI/o8aZQj5R1vxjtOhJwJ3bfCBetyhBKylfrbVnSwGaqPbWjognyk9/32/uzq8h"
    "QE1GMcfAr+/2305fvtJe18Sg5/nzybXLs4u70YXbN2qBr97aaJ1uuCWntcjjLLFEMvr1mG"
    "7tQ1ljxBpsLZ22aLSckTcdFBsZiGPKEqg5MXK+K+h2Lo5uiU0MZB14ZvoqE4SRKF6epQHI"
    "ZXHl+VjpEOwUluK34IDp8r1IBsugWrpPjm+OFqkGG6nO6GKEtZnDeLcv5MFw0ny8Twbd4E"
    "SMb4vUaL/IaYFUbdpe73V/i62AsnFncXlNpFeh/oSHPebLJaUSle8uhU2FofuB55D/Ugzi"
    "zsA2HoYIpm5DKNhTNcwPYk4lb4bfJRKiStoyFpbLeK5ri8FAraKsEl734J4GIICYMcUUlo"
    "Ja0/ApDo+ZbvaByYi50vSZrt+1/ex+rSiKfFQRqikc5rFXNIkSqLZ1tMYlUsnqEUwDnDLc"
    "tEEJeYwxDvBJkSsqZWeHllu+/b+d3ddWo1z68y5/Tt95vz0bedfbaMZJDhJY7v9sSCxdpF"
    "saS81D5WS8qxzrNaUr7DCEDPQwvboy0myBQARrFTwJs7lv80T0qzO399OLu/4jRV22Qi1c"
    "GiXQFZtEcCeZyO1uitkKSTToit3wOtAimascl30LO/XgeL3v3o9vLq9uspCOnTzn0iZj4w"
    "L75pudSx/+Xsinn1Z9BojUvfdhA5KASV5RSRfKUA61eXE1mcglDnKWvBu0V8vX60o1AaQc"
    "6eJdseb9/rCGNXHV0Koe6I9lspIESFeRW/UfIaPVSYl9xvNS32wHWEl7U4c/nO2QbPwv2O"
    "nIWheUU49ChBpJRHFdD1TgFdUZrrhiExiYTZjkEsENWVeGNXhxypYLmaguWqBBgFJYI5bh"
    "qBAKNMPWJJ8ObowxsGYn1jk8gEkZBjKeMUtjlycoTmHUaPFvlTBdPlVJ2Ui/mYCvjfvhGA"
    "2GNynrfwTr/M5+awMZXD0sK6Bz+5YP/DEATEtKqBhRHwoPOEvFOwM05GQI7J1FDTkM2YNc"
    "DWbp+O0ObQo7dc5FL5GBj6bj/nk2v4eWNMb1gL26Tw07vk6mcAwSvZEtYreDFcw6PEZL9Q"
    "956hPaNoGE0rA1MEiPKAdFp9jn6jBQ2CC74WoNu0uHhDMGgZxhN+JLxcVXJ4T8dhZlkqG5"
    "jTZBIGZdXvNIm3vDjQdYYYtgrmwyr9kw6L2ycd5ronuRrhSXmIHxbQNAvZxZJIJk3wYHB8"
    "tOQX9EMZq3i4Obu+zivWHnwSKuEQjVcVHFIWvlrK21kLfuZPMfdIkMjncD2o1HvtoKT32k"
    "G+91pYu0q4mkOWTj646z8Q54Qji2AcjZcP2/qjlJQ3rhh6eb1x75s13rZXrGYfg2rgpxr4"
    "tcAIvrKBXzsSxlvGDGrOF68p8SBlH46TTmuyEqcnlGO9hG3FobGcZyyO7egl1uJgUFVzMQ"
    "Zkr2ieY2FDAyEtrZb76XiIxv4x3CN/j4YHR2N/uH80JFeGB+TvcDrcI///dHRC7h4cIeB6"
    "byba7QOXvJ809/gFOSzxWIOYzgxNQBVETmrz9p+vMkHaZdDF/mLKO0aL1aqYQmV/rNSrut"
    "b04X3C3Bqxf1FmBD2fZ9x9RD+KDLtJIins52Xq6ujvj+WwL7XV67vbr9Hw7FqkYX9Gooke"
    "MYUUgCtTjTLV9Gs31bSiG2TnJaGNMsJX9o2MtK3qcY0bVZ1619WoqiAL9ozcKNGeaGgW1g"
    "zTYErsN2RbTpEmlx/XX6HWJSgmDiOppuQVI6pUoXapQlPDNCc6tw8ePVf54KaIyo7UDh6n"
    "JWjSIzErb/uLBQziW6uqOgkSpepsoOroxmyGHEROG6HgiwyZWgLVTFBJ5Sul8pZUFUob7P"
    "lSTtqiXyreJJo8V7Ndj/2hjtDYP5lqtKXb8Jj9Pfh0CiwbUSvwlNYHigOSB8BywBSZ1msf"
    "QDe0FHsWa+0ce1HAq+HNCZ1OtoxpYE6TuS0+Vwlo7RLQOljyhe7Jnhjcvbv70W2wm7PVXb"
    "IvQxUDVJVikcW1InOlInXyQqzRN3VJJeH51pHzLMKk1Mw0M+GTiO02Gi9fjF3N743le5q1"
    "EPJFJEhkgHfbjoiAZa4jkCcJVbmJNrMrpXUVczO5tC7Omz3lOxoLxewsmQpaVX2ktotuoJ"
    "WKIZuiUW68VUHBquXRFloeLTlpDRhXDL9uGd+tCm72zNk8PDjLTTZ2Q8dFEDrFR6quQIp/"
    "Nu+BZvVLuNbYqLJJmRl2WUJFuZU7dSD1S6yWtGZ6sLJrFFtPEUoXb1t/VV5Vbb0hyRVBl5"
    "doUrx7YwoJozpPqqSSnxRnkp/kE8m759uwHUujxYLWqGj/7e5i9PAQFLVfzjLGD98v6PVT"
    "4PoavZivbn92fnv37ebs+hTAKbacBTTX8YnUn5se8mmxwOcUkaq4voq3K2NfMfTyGvsYK0"
    "D6WuuepVXG/DYb81sR4v7eL3Ltchv5Wa63hrWcQ6kM5ivNjwWZAevUPJaxI3VfODugaDMr"
    "y+Mqu1f+/W20NoGgpewhKIDV45jKolv9MltZWECrcl3WcDwwPLSgGe6H6GQ69j+dHH/aDW"
    "L/WL667zg0GPDJN3T0GaAX5LwBpIddu03XAs/IJh8wCL/jz0HzAl7T8OYfqAx97TL0idaA"
    "26j2W8ugbVi9Zv8KQBuNl9D0VL9e/WxgsXztcLyE4Na/c6GvGwjzWqsXA5yk2aI9LywlLm"
    "jMaw3SpvGCTGNuWaIttdOEW+yqHXHoTjXVTmnsmOZKkEUlAOZBLy+hnKWVSX2vo5KyNocY"
    "h1Jv1YS+JI2qqJza5HXk+BlE56E2VjH2kqDaIm9ZXuksc5lb3sSB+FmUsSTpJLJY1cFTmJ"
    "opwlCWBCo3eAO+oZoi9uq0adNG1S+cbVzKhWMiJeBV58G+ra/pck1TKpdriz1xuVZuKglA"
    "Bay32LOxcc3lxFESt0XbsHPhWTxT90TMIuR5UsyGOKX9GBLtUrFOj+t5yyLUip1mCVxX+s"
    "4myRWtN+D81+gZdOpImFWd+97TO9URJaT1CCtt+p21aWzxKvSV+AItbnG+TtZQSPtQBpU6"
    "mg1KOpoN8h3NVJRtMfrdVPmqRNnSmJM1ggSzZBLZW2s7JiJpSwjYNJE6flfr0QmBc0MlOh"
    "F/1jGIq2rQ6d21OvBy+ZrXgK7cUZdZhtiqkEsPzmY3iHVv4WmQidv9UvWRDpws2MiK8ZeP"
    "c9okiJAB3aDFJi3nDey4LDXjM41utB1L9wPXsftGto8OZo61AJdkSR6h+bx7Cl7nFljAN9"
    "ZiiFJAN5iwHwRTvs4NbQ4cy0RuPhhz609XkZnt0n1pDzyx1LyYQrrozPoDCFV0ZoPgMq4i"
    "YmVYEqgIoNptD8r1vDXXs3JCKidkiwX97TZ+FZX0/enyx/+vb3mwx5P3c4PKpf7E8MnvdH"
    "zl3KswsPwnF1gYfaDGPxDONkUfFsh1ya8AFHGCpgtmlkPHAQ8tbJNsHLDz+uNjmM32EJHd"
    "hFRjwl01ZHvjXk7q39JzxxjqOnvCZ4AgUQN+QUTy8QCZVAdEjGS3dovUgl+XXayjx9LtpD"
    "xl76ktJFdCQKrNkCnhtopwixbkWdwqdiWJ6Qma7R3ue63ezSpkT17/TZWQPXqKiMnJCQol"
    "Ia+WkKNjejvW77aBW1UqTmyqNsnD323WUZsjBId3SiVfn42pLO3ODBMBGAmfIKBGOtix9V"
    "kf/GY/9YGNn3b7QJsj7TloWESA9YgQ+hm4HtlR7JLHjNaEmRBpE+rQ9pDDKzPQ8NNqtmQX"
    "S0+SGlvrav9cLK0q42ucUzyo0rSFjCrOKh7kGreEL0sAlADOWToJ8a6/t7lLmJhIlEQ4XA"
    "kwvLiTORwMj0S2bEzR1GaVyesVHpeTZ8QJiygBOU0mIVtohg2rsETJ1NoqYYnWKxYuCZkg"
    "UedChYqFFC+l2a6sVJjYVuvnm/m0GYjBScJYM9XshgDtGLCKF7kjAXWNplGxPcqzArirYt"
    "6oYaOyBcAmYy3MgsZowJgLDHya0NF3Qg8R7fBq6Lu0P3EQnbYTRZyBIPxol6fw1zf5GI/x"
    "1SWAWAf2nHq+sM9C+gB0UGQaQFhz3myPGhTORg8fvl7c7EatkokAQ20HJtlAgG0i5kEzLe"
    "vZt/vANn2XWhXGeAFdancgNxfkAvlq5HiwqdPNBe6cdmV2reA6/USbNkMakMfsGpgWRAQ6"
    "Yt+BfC9M3gcyQsXYtdBrRsOO+HLw6vYFEW3ri531Lq4er/5B2zOH9GNMJJwvX06Dl2yMzy"
    "5vrshdqC8CLv/+ZdECRiCiocQUqidBGt28EqjT3lLi4aUZMoXzKpyDmHPhWMgMmYqITOl9"
    "tWRjbtP83DIZtulNb+iTQCSbEDEsD3Jx5/AcoQxol5k1mugfHoM4NfQfYr6sLGVD+MvE4W"
    "PQAoVhPcBjWhm2fCbduwrmg2LMBznMmdonylxSRDKgvG3GEgAoylTSVIqhrGQoAWDizCRL"
    "J8MWb1rJfCGaDJlsHfdMhlS16GpPlGHeHzODQdmodRebR69WvM0rrvyuxUxVXr+rCiKXbd"
    "WrBJG/b8ply5i4tBmXLcN5awmX71/1tW2srNAHnxIAoEu0/ReaIlkbVqMXqbZqholqRg11"
    "chNoPXjIlhQs2unKm9ATdVO46ETX1pPUOLn+9DekcQ4MhVSybZI3gU/0mHCRW8OLSKNpHo"
    "KZZIZMgVURLItmeZObhGsRDs1zRwsBFk0nO1xbxKmTYhazjNXzEn4hU1V/CTuJloGnFsd7"
    "IoLSFZ0iLOchK0w2fKNff8P9dB/MIjFITKtkveg3h4rOdUenkhUv8nvIHBsC9Y1NIi1ERE"
    "o3ZpGJYaKZlsvzQQoBlpxSUmHBQTMf6+4kLLq0OWR0Okmxiko404LD227J00m8+OXLNkCN"
    "Vz5NRmaWKH+xPlpxnQ0ZISJHPnJsx3DRxDTw86ZYkXd7tJxRJsyazu1KoFaQ5ZXGtTzfax"
    "Ivq2ipQ0BrvtJUJpq0BOJ5fiKfqW0K7Iz9Y6TNxv5w8AmN/UM0hdxsr43nK605GE+kSg62"
    "NHmKj+s7JEyxfdZrCt+G49NUFEsx9N2MZ6jU1Cg+lsW6GmXpVB0BXqFJVXJQlRx8/7iQlS"
    "UH+RyhBmCllNGz8OZ4YZvqOp4hx9DmPY6sH94plfFhPKbW5rdKkm5jm9tiYbq4z22D8nST"
    "EKezxobDKmljw2Fx3hi9l+mDYtsiCIfDJUR3v1IL1v2SFqz7nBasQenIPMLFie4JEtVcWD"
    "CdPSeCbfMw++P/Aanun1M="
)
