from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "halls" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "address" VARCHAR(128) NOT NULL,
    "phone" VARCHAR(32),
    "hours" JSON NOT NULL,
    "slot_minutes" SMALLINT NOT NULL,
    "active" INT NOT NULL
) /* A service hall (行政服务中心, a township centre) with its opening hours. */;
        CREATE TABLE IF NOT EXISTS "booking_suspensions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "until" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_booking_sus_user_id_79e466" ON "booking_suspensions" ("user_id", "until");
        CREATE TABLE IF NOT EXISTS "hall_windows" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(32) NOT NULL,
    "services" JSON NOT NULL,
    "active" INT NOT NULL,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_hall_window_hall_id_ff5229" UNIQUE ("hall_id", "name")
) /* A window (窗口) of a hall and the catalog services (codes) it handles. */;
        CREATE TABLE IF NOT EXISTS "kiosk_devices" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "device_id" VARCHAR(32) NOT NULL UNIQUE,
    "secret_enc" TEXT NOT NULL,
    "active" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE
) /* A registered self-service kiosk of a hall; it signs its requests with its secret (stored encrypted). */;
        CREATE TABLE IF NOT EXISTS "appointment_slots" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "service_code" VARCHAR(16) NOT NULL,
    "day" DATE NOT NULL,
    "start" TIMESTAMP NOT NULL,
    "end" TIMESTAMP NOT NULL,
    "capacity" SMALLINT NOT NULL,
    "booked" SMALLINT NOT NULL,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_appointment_hall_id_c14da1" UNIQUE ("hall_id", "service_code", "start")
) /* A bookable time slot of one service at one hall. `booked` is the truth: it only moves by conditional */;
CREATE INDEX IF NOT EXISTS "idx_appointment_hall_id_42b38c" ON "appointment_slots" ("hall_id", "service_code", "day");
        CREATE TABLE IF NOT EXISTS "appointments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(12) NOT NULL UNIQUE,
    "service_code" VARCHAR(16) NOT NULL,
    "service_name" VARCHAR(64) NOT NULL,
    "slot_start" TIMESTAMP NOT NULL,
    "status" VARCHAR(16) NOT NULL /* BOOKED: booked\nCANCELLED: cancelled\nCHECKED_IN: checked_in\nNO_SHOW: no_show */,
    "active_key" VARCHAR(64) UNIQUE,
    "reminded_day_before" INT NOT NULL,
    "reminded_hour_before" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "cancelled_at" TIMESTAMP,
    "checked_in_at" TIMESTAMP,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    "slot_id" INT NOT NULL REFERENCES "appointment_slots" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_appointment_slot_st_fc80f1" ON "appointments" ("slot_start");
CREATE INDEX IF NOT EXISTS "idx_appointment_status_f519e3" ON "appointments" ("status", "slot_start");
CREATE INDEX IF NOT EXISTS "idx_appointment_user_id_24fb58" ON "appointments" ("user_id", "status");
        CREATE TABLE IF NOT EXISTS "appointment_no_shows" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "appointment_id" INT NOT NULL UNIQUE REFERENCES "appointments" ("id") ON DELETE CASCADE
) /* One missed appointment (爽约); enough of them in a period suspend booking. */;
CREATE INDEX IF NOT EXISTS "idx_appointment_user_id_4fc5d1" ON "appointment_no_shows" ("user_id", "at");
        CREATE TABLE IF NOT EXISTS "queue_tickets" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "day" DATE NOT NULL,
    "number" VARCHAR(8) NOT NULL,
    "kind" VARCHAR(16) NOT NULL /* APPOINTMENT: appointment\nWALK_IN: walk_in */,
    "priority" SMALLINT NOT NULL,
    "service_code" VARCHAR(16) NOT NULL,
    "service_name" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* WAITING: waiting\nCALLED: called\nSKIPPED: skipped\nFINISHED: finished */,
    "calls" SMALLINT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "called_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "window_id" INT REFERENCES "hall_windows" ("id") ON DELETE CASCADE,
    "appointment_id" INT UNIQUE REFERENCES "appointments" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_queue_ticke_hall_id_1e1e6a" UNIQUE ("hall_id", "day", "number")
) /* A queue ticket (A012): per hall per day, A = checked-in appointment, B = walk-in. */;
CREATE INDEX IF NOT EXISTS "idx_queue_ticke_hall_id_aade69" ON "queue_tickets" ("hall_id", "day", "status");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "appointment_slots";
        DROP TABLE IF EXISTS "halls";
        DROP TABLE IF EXISTS "booking_suspensions";
        DROP TABLE IF EXISTS "appointment_no_shows";
        DROP TABLE IF EXISTS "queue_tickets";
        DROP TABLE IF EXISTS "hall_windows";
        DROP TABLE IF EXISTS "appointments";
        DROP TABLE IF EXISTS "kiosk_devices";"""


MODELS_STATE = (
    "eJztXVlz4za2/isovYxd191ly2s7uamSbXXHE2/TUqdTE6UYiIQsxhTBcLFbMzf//QLcxA"
    "WkCImUKAQP6VgkDkh+2M5+/tuZYQ0ZzvueZRm6Cl0dm51L8N+OCWeI/MG6fQA60LIWN+kF"
    "F44Nvz1cNPRvwLHj2lB1yb0JNBxELmnIUW3dCh/V6QEVOgjsjbzT7gc08k7Q5Gz/EmATAa"
    "iqyHKhqSJgerMxsskVGzsOQK/IngMNWdB2Z8h0ATQ1oE6haSLjPX2shlXyXN18buwJnqn/"
    "6SHFxc/InSKbPOfXX6OvN13aQtfQzMIuMtW58oLmnd9+oxdNDX1DDm1Of1ovykRHhpbCXN"
    "couX9dceeWf+3WdD/6DenHjRUVG97MXDS25u4Um3FrPXiDZ2QiG7qIdu/aHgXf9AwjHKto"
    "PIIvWTQJXjFBo6EJ9Aw6hJQ6eIHFtY6iPDwOlUF/qCid3PBGFInxCC+pZIaQqUFe1fG//p"
    "m+wrvu0cn5ycXx2ckFaeK/Znzl/K/g0QtgAkIfnodh5y//PnRh0MLHeAHqYqQVE+fxvZ5C"
    "mw1wjjCDNfmILNYRsu0Fewa/KQYyn90p+XncLUH2597n6x97n/eOu/v0gZgs5mClP4R3uv"
    "4tCv4CbMcb/4FUl6CoIR6ss3T1QB1dWGC92IoEAtv/vQLYEZ2AYJ+dVAD77KQQbHorA7YL"
    "Xc9hw9wnR4gP9S15Jbph5CGPqTcHNh3nme7STvkw7wy+XN3fDof9m0sQ9zEye9fX/Sf/Yr"
    "Az0muf+//sX/vXbETnFL02+PL0dNe/7z8MKTk5GBE9R0fm7YPyuf/zbf/rJdBNxUavOnoj"
    "vT49fX782e/Vsmz8Snu46T/c0isaMnX6+3Yw+EJ/647jBffvbn/ufw6aGDo5senV68e7u/"
    "BlCPBG+DZ0RG+D/m11StpqWTahynw6Oqswn47OCucTvZWeTzZyvBlSyqYVe/XmCFeaUeGh"
    "087VWz/aE2zP8iD/c/D4wAY5ap/BVtNVF/wfMHQnx2bVtmq/n3imSvEDY083XN103tPH/s"
    "C5iCtDXwI1xYf2PHOcP40kxHv3vV+y6F/fPV75kGHHfbb9XvwOrjJDAU3nDdmMKV88GgkS"
    "OSC1Dwh9PArkhqoDkiCRA1L7gCwOTUV30YxrqbBo2zFE9HnCDFFWxOc4vxmk4p3g9fPfoQ"
    "qGB+kEyQa57hke6wZqaqI3zShRnd2L4uIXZPJAnSETTlNS/3wOECNSEMGMofa7wthA0CxD"
    "O0GbwXtMiJua3/GVze7iV4+Pd6ld/Op2mAH7y/1Vn8x2fwxII3L8dRIKwgXyRMqc6Q7SFA"
    "3OGWdrocI1R7dc97oLepNa1K8LdDUPKZDBTN4QSFx9htjYLqiyzEpI9j76Y/dOxhL4hrf3"
    "/cGwd/+Umto3vWGf3un6V+eZq3vZ7TzuBHy9Hf4I6E/w78eHfpaPidsN/92h7wQ9Fysmfl"
    "OglsQkuhxdSq8d6NEVYKMZ+Tzy0dxrqIh+pbXUsoGueynFurcVFlSWtoZl1bqdy0ZQezSN"
    "eTgTdmSdhZO2dJlFCtYVBj5DKrfTNm+nE7IJOtOVxjlDKse5zePsWXQcVhnmNKXcxVs87O"
    "HbL0b9FdlO6DdTkT1KUGxOuDjaEXYo9rFRuPxksmRSamNgO/ZMzUB8wKZoJP+eBxWZLrIt"
    "W3c4gc3RSXDz4Brk2FAWbnp8CLOJ5c7AEkKR/aqrnDM4TSSnbwAr9fucvLCdFJP+o2mQP2"
    "Ib6c/mT2ieczHKABu67H4h6O/gxP0rmkTR1cUksOFb7C2bO88JAOSzUaDtve4Nrns3/U7B"
    "PlwDuv1UZ7s1iatCnDuAlmMcrvgaAB4sehIT3fTmuBzagM+qAdmruCMxgU0xpMtxzTABNQ"
    "B8k+pM0P2XzTux4aYn3hiqL2/Q1pSCow+9IvoGOfSvQrqPP31GRhyAwgY+EaXSfxUL/tSU"
    "nZHvsXVo1AfXfdijqIg5LrLqQ2tAehMVKQvO6euvCdZT0Is4h4y/h+EuTuxdqV0tf2vWnW"
    "WvQBM++59En02fVLRvlUfgxXtbpTA8ZbGzLg/GG04RdcBHpvYOm8YcUG2yoZsI4AmAfhjd"
    "ZRgaFzie+yFxz8iPjqNrDGhI1anuMh+FV2/XjPC7dcLrrvTnv0uE3Ydu9/j4vHt4fHZxen"
    "J+fnpxGAux+Vtl0uzV7Scq0B4k1eoV4vD4TZnS5tEqm0c1y7WLbcXGLIGlLNQySSVgPFr9"
    "jpov5Lt4II7aCwhut4pzZrfYObObc86c2Hi2QmhWhkw8t+4G/I3xCjiniCTKy1GmbBRvnE"
    "KSRjyM64/GNrHLOPOG6FsBdxm1FwHbMgam/8swxbvkwm9i/uXu8eFT1Dwbk/MXg8vgcwNI"
    "kEiDVKF3hS84ruJfkSCUdlSWX/yKpup6rNQCTt7l1tRIU7WmVj+TAmnH5jGnWTWxjJdbUP"
    "w9dXMW65ZN4srIJk6e5ZhuzyC1o/CubYrakII3trSU63iTBplqat6UUWipprcY/5o1q38X"
    "tWpjict40zoJnM7p6PCwikh8eFgsE9N72Qw8f3q6zR18myTbYNxtNLN3NuzWwZ7NchAq0U"
    "DEFCJO6dqVPHQjcRCDbShGOEEighqi8YR7BEg/enXCNY1TVOLhfNS9qDKVuxfFc5neY0Lt"
    "eLMZtBl6y5IMODnKtfLftAz6jeci4lbObyXVoY1UFOf228G9W7XRigGCaUppLN8pY7nUuT"
    "aqc/UsA0ONCW3x/pUiEu+0rocrkspXntO6EeVrME/r0L7GHe3WvK4KbmpBt1Q56DsWlysG"
    "I9/jakrB2O95uevno4mS9Q58l8vYNfMfDnjD9svEwG9gD4Kb3qdLMPJO0fnZyLs4PD0B/w"
    "NoXYXjbvBzP+/+WX/3ZRUYoo1C1l3YtvqS091kHU+Ttm37jbuaSM1wc4kZ4cRFDKNmSXbq"
    "iEDm2a1d/aA7Cnk0fGFM91IlfYpOZsfkUdPvXp2LN6i7FDg+3Dtfe7fD2wfCcIT0I/Pxqf"
    "9wCbCFzOIqFlXqVVz3Hq77d3d+JQoKk2GgllSdoN+2kpopRSiTjbUn61ReqyQzsAo9ukjV"
    "tZWWcJpSjnLbR5mdO67EmJugEU9v2YDNBc/YbnbFPvsJEhEQ3rTbvkyI2JEu+23XaOWP2v"
    "Gc12U/Qydd9tsWDyHi1JU2OZ5DrxGbnMwm1ZD3PntbrsP4KXToSe4kapn5E5NXnxXnvYlv"
    "Hywxe0YNmw+B+DWh4nQM7NJAdNvtkFa/drxwLoUtfpP2xk3aG3lLjtdbarxFtcqOqtgbj4"
    "rtjUd5v+cwYyV3VfcMnYD2xwZyNYSgcVd1z9AJCHYDVd0XW3gO6iUFllKUm/G73eSeIpI2"
    "dQdtmmMc1XbkMWlePT7+RK2OATXbEEmu/ti/Js2U2wdyeYpU0lTRzZH58KgMfnz8SmYEVp"
    "wpwbIV+yHh5PRXxJu9Jk1Vi7K2RUd8/RuhjWb0w/zilsoYTYgclYd7SVwkswfpfMHhfBFj"
    "OMWeveYwZLqQ48AxDjIcp3gjEjccJz4iVxn3DK00r7eZIVxwPasMdZZYjnWbx3oKDYPPxJ"
    "SgkMYllosoFX356kEtKCSirEBFB3GmM0xQSESXG0Aj1fxmrEVtA7dypNxiUlWo+ETWdA2Q"
    "DsJuBIU0sfMth5QePDVA+mPYjaCQJo7nRs2ZydS+sT4sI4mHlI8mGmLyz/L6KA94EPa0kx"
    "xheQkZVyeMMWNT4IfpXx7y0DDuThCseA3knqa7d/i5w7KOR/cOSk3jtJVihM2WRgL3ElVa"
    "bKRiW6ORukFtFir2018Wsh1sQgNQQ+wleJvi4Bb5w0HkX12dguD7DvwKLm/TeT4muMkHyQ"
    "Ixu1ogRpYO2ZCF2Rv/gVSXO49ZmkwEB/imrSrBNFfovpVHujiiOEO2+bji7aiWGokgtjyb"
    "NOHaUhIkIu4nTaTrkwaTYvTFNZjIMhz161bDQ5ZPvZoikrAuj4eQhQtqL1wQTkKJ6jKNYG"
    "qxtskh/wrjF/KFA88h0rkTfH5O8ZBvdFCmgRgHzRUnbr8JH/1I3e+Zrm5IR/zNOuIHoHOy"
    "gTGRgBzgjnB81TwnJKP/N2T0pX1a2qdbwDottU9viW/yTM3HNc8sBXfKOSS/TcVcrTQZ6u"
    "Eh/XdyRv+9GF8Ch9pNoAHCACAHvOnuFGATAYPaSxK5V6mZhF6fIZt8CIgLR/m6xLyVpumH"
    "yYJT7WLcZASlzNi6i1YW8sK6qbOTWxQbWdJU0sayho1F5nWqYV/ORrzl0SyN+1kQyaJ01Q"
    "N9PEtbUZxNU0pxti3iLEOLkfNTo6yqsmoCKjaxFHKXC7kZ5GqQd/8WKZLYE45XAGYmA2PE"
    "xEe+mh9/Wu6lyZcIbEfsNX81qSq4xp7p+qJuTlcQ3TooUxaoQaOK2oKei2e6CiIisEfEbK"
    "BB3ZgDqKrI8lfXO9ObjZFNJHoyLOQ3o4TLGv2sIeNvs4BIi4TRuuSlYrn/FRoei90s8XyN"
    "STZ37h02e+htwPk1dzRuR12ZODQZ21D6SC3eiRYHkqw7L9WAQu68Ug24A8dasmQ0tl3+tG"
    "kpKgGBrn8WWwQiPofqiEC8mIH60YWaZiOHq+R2gkQ8hGvzV+dgv5I6C03ZlsDctn2lUgwo"
    "reqpoNeIL6wFq/5rNQ1Py+ZxJbziQq21IBUViRVxZiUcJVbHauGRISJEFpzT118To6egF1"
    "FBilxX1gNpEPQiKkiabiPq/s9QwXGh5MLJ5B5RxaCoSDn0ExXqmrbmjBIr7KFRNXqf6qEt"
    "W3dQh6HCStw9KFNhobhdVX06MNAzNMLUBGCCyWECxnOguw4YeedIm0Quc+cfjhH5e3IE6b"
    "/oiFw57V7Qu+iY/H1xeAT2Pl0R6eHo8JClcG/wQVLd1jJ1m41okg5urVuaTDjl21Elqa9E"
    "6MvFKEvlm4wBl740dYSGrKRJkW4H1XlKwvWYrmLo5ksNPGWaHdqxlbMV9vIjVNEAOUUhsM"
    "nbpQzmhDRUnKBlZRbzKyJHkgsoLXhFtj4JpzrYG3mn3ePzkXdxdHyxD6aQZtCaTC4B9mzy"
    "n0ue9CdZpmBGXghpwMVhV/9wgn5oDTAWq9n8AyXL2S6WMx4dHnYoRSQeu9kER7RYIzxAp6"
    "mEQ7oBw29JeZ8Co+82SvrQlIcUps3M59qzxoXr32Yl+CyL80gQycw0+QgE9M3SCTe+gtSU"
    "phRQatoRKYkRcRCISVI4rraixBKO0/kfTd2ZrjTsGVJZY6TNq1vmx5D5MbagBDnYjfwYfj"
    "0Chh4lqlNQrEChqf4rK05Cuz6gRFR3cXFxoo68s9PjCfn3/FCj2gx4RE1jXfr3RD0+ABC4"
    "+M10proFVGS6NtoPElpQQxsmDDsZFUAL6TksxUnzD5SKk3YpTqRrvHSN30UNyRZ8itsNcS"
    "PqPukX3+QG4Z+KeXSLE7zEBDK3yxq5XfwCVjPd9FyWx+RgRnif8rJ/CdrNSTrHDUeLHnfP"
    "z2Lmgv4o4ysG9727O5nmhXc6r5nmZVUnBUxebVZL+ELU0+7uMuVeCm/k5fDbmjhRIfCr35"
    "GoML3o2FnXj+Mn2scNEtnjPCgetyZOfHXjdhIneqiuG7sgVs3NRn2BEvtTgQprsXuVK7KU"
    "xH5ZRZ8VNKeKpXP44XzknR6j431aGQ8GGieaYJUmYlGhCw38vEjJukfVDs4+0F3fZ8dATO"
    "1V3d0zdFW/xhVNfdh+k7qrLequpIKlQeG0OKasWD5N0mxeRO18P/FM1ffzG3u64eqm854+"
    "74fO5jn9RgRXKV5tLItmoiJzxU07QSHNn8vNn7IweBXz5xqFwbcqhrRMkbsVNjsp4DL47I"
    "z8W8xo+8I2wSQ+Watw2jZ6JicfspFGuFxj8i4y7PqdLVji7yjL65AV5/jmWpsmOnRcZ2HA"
    "dZBqIxfsOS6mfSFTtecWGXZmhOdmHiotyO3iwoOZyel6nyKStuQK3DhdEgpZCnmUh+hbkb"
    "UiRSWE2FPmY9f/ZVjOc8cudnePD5+i5llGXPLcW+K5pUNx8fYirkOxlLSkpLXbklaTQsQd"
    "0p79eGd73mEIEcnbpUKE4TdUqH+mXlmKsGh81ztMth3CpKvY1igPT6ulzcEMm4j++4qoOf"
    "g74HgzB0DjDc7J/8jugAJunmrbCR1iepvW3n3NkkFZtnDBhIMNpAovEyFeyMfzSA9ReyE4"
    "2qajHOGMFjlQJoinmlWaSB6zzDBHF9kmZDMvxXM3Qyac7Fu/qy9WVc+2VxIMMqQCSgY7Ig"
    "lUijmTAmDxGhNXAPQZOD4JMEkiz6blIqCPVw0y4BOcU378Mepux1CuKgsmp1ebhMEHPJiy"
    "nbbCOwdlImDCEZisRcWZVnbceqQ1r3XHQRpIdOL7WXWPNZq9E57tfweQib3nKRXiiPQ1A7"
    "oJIE33qWONyG8OFfbAGGPCuz/nhcFmHrFcIPw1jsMlR8dv0nC0ScMR/zEv7PG+I8d5JS5O"
    "Zg6ovXpyYufmAjZPWA++O78tybwMbcrLwJzp+TEgPMIQk38qjsCa4UpbneNVhyG/wCuMxl"
    "o86KPnjvG3oHwNgxFN3i7lRrHfMFFWp4pXk4ZnBAzgE4E3W3ddZFImkNoBHPIigPIaY+gg"
    "AhY0HRg4A0Mn8PqfQvMZUd+joN8xdfxPtING3kTR9BNHZoDD/nswJAQmduNcpQ54w/YLsg"
    "GV/B3gmZruWNBVp4RFtgnrTt9C1wLzhx/ZQCDWX2ktW8oafwd+X7RXoPs70J2R6SAXYLJo"
    "QitLSEH/sMkfGpjYeOa/efC9U/IdY0Q+2DKgaZL7ewiq0wXZC0JW4MOF30xyWfMscm3eiJ"
    "uWNMZIY8zGddknVVIqnBRnVDjJJVSAz4TVfiZ48CCcIhIQ5vpNBhacGxgypnFx7EqCpB2h"
    "K/SxwoSuSNV+8VoQV7WfYkF4Bz5HvJGEkVvg8ts+0oVaH458FE2qxaPifgxxJFH3r1gUSZ"
    "YYXC6FDPCMMLQ0qR0Equ7q/yH8MX6jnP3IO0UfTkbe+eSY/Hs2pmWsPlycf9i/JE2jWIgJ"
    "QkEkBK0q6ifPs+GE8Pxgopv0NxEBCLdMJAHznQu/gfDd8grz7b0GMyo6YgJtNJFB0VvVqk"
    "v2PeYru1X4ym4xX9nN8ZV0enNgGzYXENr6Wfbka3FAnCETEOpGEvvpLppxhfbHBO0QjsSK"
    "65cemo3YzQiTo9B5y12JMkco4LbSQIxiSdGavunNcnabdKziNgrYeKYFdY1zH+l8eXjq3d"
    "5cgoB6ZAa/gr8/9z9+ebjpk9/k8PfIs8m1697Ddf/ujl5U6bcbBtKyDP12fMOlWqYYenHV"
    "MnSmrjDkCTJZu6NtupiMv0hUTZTbXyRDKOtb5dkKDVnQXsEbJ0cnmTYGuhac8/qPJUkkps"
    "tdnHy88vhKH6e0c01yWrHdati7Qg3I3qQ6ExTf3H64HGSYrpO9JspCVt3Oopw/01fPJBbE"
    "WueR50kkJmgMSaOpxELMCr3uUvcPlti6/AXH53cX1NBG2gHQUJiLK6qxTR6dcls7AGHWLt"
    "/PbDz33cN0DYzRhFymvnC6A/w5iZilu5t8lHRJ21GXNH+28sZZvxYy2jLIOm9+CeDyEeIG"
    "OaISUEtavwcgkfOxZ6sMmIuNL0kaWfpnDUuLjVREPZ1X0H5lSKXGsy0qsSoaz5ALYJzhpW"
    "n8FlQbzOMXX9mpRH7t8QVbSBfFnHIsfSznlBcyT7VAaei6aGa5wMXUa4rGJwe+U8Cd2n7w"
    "coKb3fvnoPd0y8ilu05HMj9uuxyysEc4JBtqiOxOPLxVlk44JrZ+C7R0pGhGJ7+Dln2aC4"
    "JCxIdw56n/cHP78OkShPRp4z5hMwe+Fd/ADjXsf+zd+lb9CdRbY9K3bEQOCk5hOUUkXunW"
    "+sXlRBQnJ9R5ylrwbtG+Xj/akSsN586eJdvc3t5wrdYacxhaOpGyVhCH05QCSsM7Iv1Wcg"
    "iRbl7FK0pcpYd08xJ7VdNkD0xDeOGBmKDY3Fl4tCNnYahe4XY9ShBJ4VE6dG3JoSsKc13T"
    "JSYRMLtjEHN4dSVW7HKXI+ksV5OzXBUHo6BMBcNMw+FglKmJIQjeDHl4TUesz34nIkHEZV"
    "jKGIUtBp8coRklnquCadzVTvLFbEw57G/JMqEM81umimix9e1P2lBJVC6t4qbmE4GACOz1"
    "Do+6+1SRawfV3+kfGpwfgB74X6BOEWmlvaMZhBc59A7AFbn3Bo0XcoPlndbAE0qLzJPeOv"
    "68mY3JrWxihVy7UNMu8xhvtgBmAH5exi4IAwmal8nWu7spsxCkwnJGJggndA61YrX5gkJA"
    "L7MqTmbFPmY5F7PiFCDLjXW7kA6k03t6eiTr8r7/MLxM7q4j82vv7ifl9uHS32IV3WyLTU"
    "7Htu4ytonBjOzgxXJwgk4kOfi4e34W78L0R9kGPLjv3d0xbNJBJiPu2P4sXZsn+orbSf0T"
    "OALN/70C2BGdgGDXb+3cQW+LN6i7K3hbfO3dDn1vi5CepkqI8iTQJAkjc/DT7dMTveC86J"
    "bl+1zcPtwOfvS9LnRTd6Zt8bugb8wYtPINPiYSxjRdx9YuzZXFKItrrgyW/CqDniSUJss2"
    "myyjLXuFUc6QynFu8zjLou51W1E3X1WpZcujbkDfyHeQSc0FaYpGgtq+SlXt8opt1ugf6f"
    "7XtEv/GHazY/trVbt04lxZbuvfbO2vlu0FVRFdWvorv8vWNE2/xp2JiWzqeBGjrFqrNmSO"
    "lDkbrqoW+Q0wTOYJl4Jic3nowlDVUm4C8jGqa2NTV0FISwsHfDg/RSPvHB6Sf89Oj89G3u"
    "nR2Sm5cnpM/j0dnx6Svz+cXZC7x2cIOO7cQPsHwCErmaZheUW2n4NFhSbtGRqAxuAz7Oib"
    "f74Mim2XzXz7BuAWBUzVHwi7a/WvtqNWaSTFCN2MoOvZDDvZEH0r2DZSREIYycq0Wf1fhu"
    "Wwx8qsu8eHT1Hz7FhkfB4Qb8zrgkIIwJveUqRRphh6cY0yfvYTPlVOkkSWG18/OU5mMNYW"
    "4NZNwLkTIlxyEm5AeMOmqhu67xz+GVnYLpLk8u0Oloh1CQrF9kmqCXnFiEpRqF2i0Fg3DC"
    "Xy+q3qRJwi+lu7EjvebAZthmtlsaiTIJGizhqijqZPJshG5LThKiWWIZNDIOsqS658KVe+"
    "Fg9ZJ7PjRw0y2ZsonrCMoYkDFyUHIwwHQzMVBiO7QorDFKFwqt36vcNljsNmXFfIaeHwlZ"
    "5dUAioQLw4rBKTdlgclHYoQFiDZWPCpDqr5JH8/HjdHwyCVJJxLyNz8OWaXr8EjqfSi/mc"
    "kr2rh8fP9727SwDHJrZn0MjaT7cT3xDu03w69hSRzHO4bG+X3Hwx9GJx82kNBtkKkLbSuG"
    "dppVt8m93iW2FN2fZCrp1vI5/l0L1vzLYAl6SHzVFKn+6lbscFRqhVMo2JWAfugNsQVTSZ"
    "a8BYbEdkxvpd32m2Pk3ZIIh97zBUZdGtgzJdWRg7Xzn7Udge6C6aUWfKE3QxHnkfLs4/7I"
    "M33Z0GrpGebZNVB549XUPfAfSK7DlAWlgrz3AweEEW+WGC8B1/DlKGspIhNf9Aqehrl6KP"
    "N9dGvTk2WiT61S9e82bWkBk1OOTq4oRIBa6BO5AEqTUzF3qajkxWQcNigJM0G9Tnqbqr/y"
    "fQge8i0ob+igx9ijFvIbs04QZr2UU79E6VsktJ7Kahm4gMKgEwD3p5cpcsrUjiey1pXqbQ"
    "NBEraU6x70iSZvOOI53vJ57pl+4BY083XN103tPn/dDUjrJpdxKdyDxUx8q3vSSoZJ1Mjs"
    "1lil3FhuYL78aSpBNIY1XHnuKLmTwbSkwg3dDW2DdkKZJOrWk0yBnzypjG5dWKYyLJ4FXf"
    "gz1LW9HkmqaUJtcWW+JyBRQ0ZEF7hTQ1OTqRePqmLEYL0GowadykOtsxoKtaNnLTbPWKKn"
    "4Ne9WPH1qzXkhv0dPusZhFyLO4mDVxStsxBJqlfPVVVrOWRagVG80SuC61nSnJEa3X4fzX"
    "6Bm064iZzRbokNapTVqndkQIaT3CUpresjRtYlYwaIktEDPjQFdzsN32FE7ZULqHVdzQSa"
    "tCK4p/T3rZii3yVfGypT4nKzgJZskE0rfWdkxE3BYXsGkiefwul6MTDOeaQnTC/2zHIK4q"
    "Qadn13LHy3iZ14Cu2F6X2Q2xVS6XBmZmXvGvH5QJjMmUnw5pXdnrcozxC+0E0BMfUFKAJw"
    "CbKHaPhK7/kyYifg9+p+2R9jv1fiSiJEXYnV4CnbYx5mCGX5EDxnNAhoHgTJ6SD//ayENH"
    "ZqDedsBeSA2+Byq0oKq789+Bi/13OIi6Bj+AQ//qs/5KHg4sA5KXoIO6v7zIZbYiF1lftl"
    "tS7DLbnhZUlCUvNypqy+JrG3T7kvVF+ZMC+VsIE7SSWLqISEDBbkcEOYbtjiHJsZx5y4cW"
    "Mf155cC2a2Aj/iI/usuq6C3oRBIk63CICvgzXkQXVLIwYdJhT5a1kjVtti+CL61pU9ExIJ"
    "J413cM4KgIsiugN2vtduFkco/8igYsfUXi9kGpnZs2VGZ+y4oqi+GUFs4gZEDTbaS62J6D"
    "PcfPIfEdDcO0bKx5gY+7MyerTAMTG8/ADcFwCI2X/UvwNsVgBud+2Q1KAZ2gw4Mg6vNtqq"
    "tTYGMDOfmo0Y0/XYaQtktzQKtH8eUQWlAIF0Zaf6SjDCNtEFx/V8mjW+wOERPIUKWUDFqH"
    "k4T0kd+Yj7z0lpbe0i3izA/q9pZuktP/YvlVtRhMfninlL/3/DaVjZET3aDWtzDMHQTUhI"
    "feszTCH/9hPR8Ay3zePwDqFKnUbBcY/VwC3XeEiyazy7/k+kw62SieSW8atFxks/K/NPy0"
    "mjn3Yh5IUOayrhJQJUX8JLMZW/26F1XMft2LYrsfvZdxVAwWSwAUB85ZOgHxrr++mUM2MQ"
    "7eJmouWRqWQ+AUdk/PeKbsgqKpySqSlB8el8oLYtjKSkBOkwm4LTSzDUt/8b+hvzh+M7lz"
    "9SZI5LlQIZUsxasGKbeiw23b0K0q3yan1er2Ps8hG5HOiI5bMQb4ngBt67CK1mxHPJ0btf"
    "j5c5SlBXCW2fio/aOyBsAibbHpG8mogcwBunmZkNH3viLCHrgAW8jUtX2A7dAatxdZ2EBg"
    "btlnCfz1dT4yR+btDYCmBqwpdVQOqrs7ANooUg0gU7XnlksVCr3+4N2n6/swrSwEhIGhug"
    "ODTCDgTyIwIQ8zMH7xrANgGZ7v5zwyZ9Chegdyc0YukFcjx4NFhh05wJnitwPg4OA6/UXe"
    "kXou29jXa5g0Uy3QkP8O5L1Msh5IC2lTbKFNkZpZ2Hzw8royEW3rs1B2rm+Ht//uP1xG62"
    "1kEg7n48fLYJGNzN7N/S25C7VZsMtv33E52Ah4JJQFhSwWk0Y3LwRq5OEKvzk9QyZxXoZz"
    "4GPDbfvNkEkLcO0W4I2qn1vGwzY96XVNCVgyhbBheZCH6Fshz5IhFAHtMrVG/5dh+cyOtR"
    "p3jw+foubZ6V6E/ljXvvHZsrKUDeEv0g6/AC0QGFYDfEErwpTP5OGognm3GPNuDnNf7OPd"
    "XFJEIqC86Y0lAJB3U0lTyQ1l6YYSAMa/mWTpRJjiTQuZr0SSIZ2tYp7JkMraiW0ODpzAIJ"
    "/fqoPNopcj3uYRl3bX4k1VXLurTMgt2qgzFnvLEnK3bBMX1sO8ZThvzMF8++m427aVFdrg"
    "0/kgHCLtv9YSoRxh1X8VaqpmNlFVryGBeQKtgYssQcGS8e88YHma7iqU/VgXK9rRHX4WdV"
    "L5ODne+A+kMk5XiVQqLw21RDueYyGzhl3rKuhwEPcn6lr0FRkOcmrA7CPpahD0JCpaJlao"
    "c9eaQD3gAelEVIwsOKevvyZGT0EvAoPkSwDY1kJ/zLWgon090q5ExcvV1Re0Lmv1Lw95aO"
    "j3JOg5aKOJZ2oO4a3IOzsuy17EA9hnvztBsYqyx9IU1Jsu0rSLeCWix1dHahGmLuIuRXZh"
    "ZFu27iDF0M2XdbEiM7Qf9ygSZk2HRiRQKwiSSONaHi6hLIa1cuREFMVAU8TQSADq8w8W/f"
    "yD/CaD6YK9kXeO1MnIO+1+QCPvBI0hM1hi7f6YOdO9MFxk0ZEsOtbS2AM2rluIN/DnWacp"
    "fBt275BG4GLod9McWKlY0+JY5qvWlKWTYbismtcOb2RzgkIiutzCGp3SMq65zKyamFQVCj"
    "Sl2L81gRWSR8/Cm9sL25QWrYdsXZ12GLx+eKeUx4eLNrUW9ZWcdBvL9xYz08X1exvkpzfm"
    "K909Pa0SdXF6Whx2Qe9l0qZaFg/CYXMB0T2qVFr2qKS07BGjtGyQeS2PcHGcaIJEFk3mjA"
    "bNsWCbPMz++n9d1Xxf"
)
