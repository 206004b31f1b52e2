from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "halls" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "address" VARCHAR(128) NOT NULL,
    "phone" VARCHAR(32),
    "hours" JSONB NOT NULL,
    "slot_minutes" SMALLINT NOT NULL,
    "active" BOOL NOT NULL
);
COMMENT ON TABLE "halls" IS 'A service hall (行政服务中心, a township centre) with its opening hours.';
        CREATE TABLE IF NOT EXISTS "booking_suspensions" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "until" TIMESTAMPTZ NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_booking_sus_user_id_79e466" ON "booking_suspensions" ("user_id", "until");
        CREATE TABLE IF NOT EXISTS "hall_windows" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(32) NOT NULL,
    "services" JSONB NOT NULL,
    "active" BOOL NOT NULL,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_hall_window_hall_id_ff5229" UNIQUE ("hall_id", "name")
);
COMMENT ON TABLE "hall_windows" IS 'A window (窗口) of a hall and the catalog services (codes) it handles.';
        CREATE TABLE IF NOT EXISTS "kiosk_devices" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "device_id" VARCHAR(32) NOT NULL UNIQUE,
    "secret_enc" TEXT NOT NULL,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "kiosk_devices" IS 'A registered self-service kiosk of a hall; it signs its requests with its secret (stored encrypted).';
        CREATE TABLE IF NOT EXISTS "appointment_slots" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "service_code" VARCHAR(16) NOT NULL,
    "day" DATE NOT NULL,
    "start" TIMESTAMPTZ NOT NULL,
    "end" TIMESTAMPTZ NOT NULL,
    "capacity" SMALLINT NOT NULL,
    "booked" SMALLINT NOT NULL,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_appointment_hall_id_c14da1" UNIQUE ("hall_id", "service_code", "start")
);
CREATE INDEX IF NOT EXISTS "idx_appointment_hall_id_42b38c" ON "appointment_slots" ("hall_id", "service_code", "day");
COMMENT ON TABLE "appointment_slots" IS 'A bookable time slot of one service at one hall. `booked` is the truth: it only moves by conditional';
        CREATE TABLE IF NOT EXISTS "appointments" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(12) NOT NULL UNIQUE,
    "service_code" VARCHAR(16) NOT NULL,
    "service_name" VARCHAR(64) NOT NULL,
    "slot_start" TIMESTAMPTZ NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "active_key" VARCHAR(64) UNIQUE,
    "reminded_day_before" BOOL NOT NULL,
    "reminded_hour_before" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "cancelled_at" TIMESTAMPTZ,
    "checked_in_at" TIMESTAMPTZ,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    "slot_id" INT NOT NULL REFERENCES "appointment_slots" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_appointment_slot_st_fc80f1" ON "appointments" ("slot_start");
CREATE INDEX IF NOT EXISTS "idx_appointment_status_f519e3" ON "appointments" ("status", "slot_start");
CREATE INDEX IF NOT EXISTS "idx_appointment_user_id_24fb58" ON "appointments" ("user_id", "status");
COMMENT ON COLUMN "appointments"."status" IS 'BOOKED: booked\nCANCELLED: cancelled\nCHECKED_IN: checked_in\nNO_SHOW: no_show';
        CREATE TABLE IF NOT EXISTS "appointment_no_shows" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "appointment_id" INT NOT NULL UNIQUE REFERENCES "appointments" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_appointment_user_id_4fc5d1" ON "appointment_no_shows" ("user_id", "at");
COMMENT ON TABLE "appointment_no_shows" IS 'One missed appointment (爽约); enough of them in a period suspend booking.';
        CREATE TABLE IF NOT EXISTS "queue_tickets" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "day" DATE NOT NULL,
    "number" VARCHAR(8) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "priority" SMALLINT NOT NULL,
    "service_code" VARCHAR(16) NOT NULL,
    "service_name" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "calls" SMALLINT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "called_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "hall_id" INT NOT NULL REFERENCES "halls" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "window_id" INT REFERENCES "hall_windows" ("id") ON DELETE CASCADE,
    "appointment_id" INT UNIQUE REFERENCES "appointments" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_queue_ticke_hall_id_1e1e6a" UNIQUE ("hall_id", "day", "number")
);
CREATE INDEX IF NOT EXISTS "idx_queue_ticke_hall_id_aade69" ON "queue_tickets" ("hall_id", "day", "status");
COMMENT ON COLUMN "queue_tickets"."kind" IS 'APPOINTMENT: appointment\nWALK_IN: walk_in';
COMMENT ON COLUMN "queue_tickets"."status" IS 'WAITING: waiting\nCALLED: called\nSKIPPED: skipped\nFINISHED: finished';
COMMENT ON TABLE "queue_tickets" IS 'A queue ticket (A012): per hall per day, A = checked-in appointment, B = walk-in.';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "appointments";
        DROP TABLE IF EXISTS "appointment_slots";
        DROP TABLE IF EXISTS "queue_tickets";
        DROP TABLE IF EXISTS "booking_suspensions";
        DROP TABLE IF EXISTS "appointment_no_shows";
        DROP TABLE IF EXISTS "hall_windows";
        DROP TABLE IF EXISTS "kiosk_devices";
        DROP TABLE IF EXISTS "halls";"""


MODELS_STATE = (
    "eJztfVtz2zi27l9B6aXtOkrKluNLnH12le0oiad968iZdE1rSg2RkMUxRbB5saO9T//3A4"
    "CkxAtIERIpkQheEovEAqUP4MK6r//tzLCOTPfthW2bhgY9A1udc/C/HQvOEPmDd7sLOtC2"
    "lzfpBQ+OTTYeLgeyG3Dseg7UPHJvAk0XkUs6cjXHsMNHdS6ABl0E9ob+ce89Gvrv0ORk/x"
    "xgCwGoacj2oKUhYPmzMXLIFQe7LkAvyJkDHdnQ8WbI8gC0dKBNoWUh8y19rI418lzDeqrt"
    "Cb5l/OWjkYefkDdFDnnOH39Ev97y6AhDRzMbe8jS5qNnNO/8+9/0oqWjH8ilw+lH+3k0MZ"
    "CpJzA3dErOro+8uc2uXVveJzaQ/rjxSMOmP7OWg+25N8XWYrQRfIMnZCEHeohO7zk+Bd/y"
    "TTNcq2g9gl+yHBJ8xRiNjibQN+kSUurgCyyvdUaju/vH0aD/OBp1MssbUcTWI7ykkR1Ctg"
    "b5qi779U/0K7zpHb47fXd2dPLujAxhX3Nx5fTv4NFLYAJCBs/dY+dvdh96MBjBMF6Culzp"
    "kYWz+F5NocMHOEOYwpr8iDTWEbLNBXsGf4xMZD15U/LxqFeA7D8vvl59ufi6d9Tbpw/E5G"
    "UO3vS78E6P3aLgL8F2/fF/kOYRFHUkgnWarhqoowtLrJesSCKw2ec1wI7oJAT75F0JsE/e"
    "5YJNb6XA9qDnu3yY++QIYVBfk69EGUYW8gX19sCm6zwzPDqpGOadwbfL2+vHx/7Hc7CYY2"
    "hdXF31H9jFgDPSa1/7/+hfsWsOonuKXht8e3i46d/27x4pOTkYET1Hh9b13ehr/5/X/e/n"
    "wLBGDnox0CuZ9eHh6/0/2ay27eAXOsPH/t01vaIjy6CfrweDb/Sz4bp+cP/m+p/9r8EQ0y"
    "AnNr16dX9zE34ZArwZfhu6otfB/I42JWP1tJhQZj8dnpTYT4cnufuJ3kruJwe5/gyNirYV"
    "/+3NEK61o8JDp5lvb/VoT7Azy4L8j8H9HR/kaHwKW93QPPD/gGm4GTGrsrf2vya+pVH8wN"
    "g3TM+w3Lf0sf8t+BKXhr4AaooPnXnmun+ZcYj3bi9+T6N/dXN/ySDDrvfksFnYBJeppYCW"
    "+4oczpbPX40YiVqQyheEPh4FekPZBYmRqAWpfEGWh+bI8NBM6FXh0TZjiejzpFmitIovcH"
    "5zSOU7wauXv0MTjAjSMZItSt0zPDZMVNdGr1tQoja755GHn5ElAnWKTDpLSfX7OUCMaEEE"
    "M47Z7xJjE0GrCO0YbQrvMSGua38vrmyXi1/e398kuPjl9WMK7G+3l32y29kakEHk+OvEDI"
    "RL5ImWOTNcpI90OOecrbkG1wzdattrG+wmlZhfl+jqPhpBjjD5kUDiGTPEx3ZJlRZWQrK3"
    "0R/tOxkL4Hu8vu0PHi9uHxJb++PFY5/e6bGr89TVvTQ7X0wCvl8/fgH0I/jX/V0/Lccsxj"
    "3+q0O/E/Q9PLLw6wjqcUyiy9Gl5LsDffoGOGhGfh750cLvUB79Wu9Swxa66ldpYXtb44VK"
    "01bwWjWOczkI6veWOQ93Qkves3DTFr5mkYF1jYVPkSp22mR2OiFM0J2utc4pUrXOTV5n36"
    "brsM4yJykVF2/wsofffrnqL8hxw7iZkuJRjGJ7ysVhS8ShRYzNSChOJk2mtDYOtmPf0k0k"
    "BmyCRsnvWVCR5SHHdgxXENgMnQI3C65Jjo3RMkxPDGE+seIMPCUUOS+GJriDk0Rq+waw0r"
    "jPyTM/SDEeP5oE+RN2kPFk/YrmmRCjFLBhyO43gn4LN+7f0SaKri43gQNfF9GymfOcAEB+"
    "NgqsvVcXg6uLj/1ODh+uAN1+YrJ2beKyEGcOoNUYh298BQAPljPJiW6SOa6GNpCzKkD2cj"
    "GRnMAmBNLVuKaEgAoA/piYTFL+y5ed+HDTE28MtedX6OijnKMPvSD6DTLoX4Z0n379isxF"
    "Agof+FiWSv9FLvgTW3ZGfo9jQLM6uG7DGWVFzPWQXR1aAzKbrEjZcE6//oZgPQSzyHPIMB"
    "6GezjGuxJcLXtr1pulr0ALPrGfRJ9Nn5THt4oz8Ba8rVQa3mjJWVcn4z1OEQ3AR5b+Blvm"
    "HFBrsmlYCOAJgCyN7jxMjQsCz1lK3BNi2XH0HQM60gxqu8xm4VU7NSf9bpP0ukvj6WfJsH"
    "vf6x0dnfYOjk7Ojt+dnh6fHSyU2OytIm328vozVWi7cbN6iTw8cVem8nk0yudRznPtYWfk"
    "YJ7CUpRqGaeSMB+t+kDNZ/K7RCCOxksIbq9McGYvPzizlwnOnDh4tkZqVopMvrDuGuKN8R"
    "o4J4gUyqtRpmKUaJ5CnEY+jKvPxrawxznzHtGPHOkyGi8DtkUCTP/3x4Tskkm/WcgvN/d3"
    "n6Ph6ZycvzlShlgYQIxEOaRyoyuY4rhOfEWMUPlReXHxa7qqq/FSS7h5V3tTI0vVhlb9VA"
    "mklu1jQbdq7DVe7UFhPHV7HuuGbeLSyMZOntWY7s4h1VJ4N3ZFbcnAu/C0FNt44w6Zcmbe"
    "hFNopaU3H/+KLas/i1m1tsJlomWdJC7ndHhwUEYlPjjI14npvXQFnr98wxFOvo2TbTHvNt"
    "rZrU27dbHv8AKECiwQCwoZt3TlRh7KSFzEERvyEY6RyGCGqL3gHgGSZa9OhLZxgko+nA97"
    "Z2W2cu8sfy/Te1yoXX82gw7HbllQASdDuVH9m4ZBv/VaRMLG+Z2UOnSQhha1/VrIuzUHrZ"
    "kgmKRUzvJWOcuVzbVWm6tvmxjqXGjz+VeCSL7TuhqpSBlfRU7rWoyvwT6twvq6mKhd+7os"
    "uIkXuqHGQRZYXGwYjGKPyxkFF3HPq0M/7y0U73fAQi4XoZm/uOAVO88TE7+CPQg+Xnw+B0"
    "P/GJ2eDP2zg+N34P8A2lfhqBd83M+Gf1Y/fVEHhohRqL4LuzZfCoabbBJp0jS2X3uoibIM"
    "11eYEU48xHFqFlSnjghUnd3KzQ+GOyKPhs+c7V5opE/QqeqYImb69vW5eIWGR4ETw73z/e"
    "L68fqOCBwh/dC6f+jfnQNsIyu/i0WZfhVXF3dX/Zsb1omCwmSaqCFdJ+hvW8vMlCBUxcaa"
    "U3Uqa1VSFVilXl2kGfpar3CSUq1y01eZXzuuwJkbo5HPblmDzwXP+GF2+TH7MRIZEN522L"
    "4qiNhRIftNt2hlj9rxXDRkP0WnQvablg8h49ZVPjmRQ68Wn5yqJlVT9D6fLVfh/JQ69SRz"
    "EtXq/owtEfnyHjSfR4GNDHLadkVFhe4t9IjJP6XqMLG54osqx7L9Le44xoR6ll8xaHG7u8"
    "JhHA2sP3nkj5hx2DWxR1P4Ha9DRv3R8cO3MBzxb+Wp3aanVrRZe7VN2hvU5e2wjKf2MN9T"
    "e5iNGA9rfYpCnKaT0HNbQ5WLEDRR93iaTkKwq3eTx1h4BuoVrakSlNuJWN4mT5HJDt1Cb/"
    "AYR10xRZzBl/f3v1J/bUDNd+GSq1/6V2TY6PqOXJ4ijQwdGdbQursfDb7cfyc7Ao/cKcGy"
    "EfyQSHLGCxKt+5OkqsTM3aAjvnpG6KAZ/WGsLehojCZEA+VoO8UZpdwZVNiKQNjKAsMp9p"
    "0NlyE1hVoHgXVQiUz5jEjeRKbFEbnOuqdoVWBCkwXCpdSzzlKnidVaN3mtp9A0xZxzMQrl"
    "luMF11LVV6yT1pJCIcpL8XSRYCHIGIVCdLXrODLNb8fP1jRwS+cYLjdViV5Z5J2uANJBOI"
    "2kkMY432pI6cFTAaRfwmkkhTR2PG/JERyzh23q/r3Dg3CmVkqExc13PIMIxhymIA7Tbz7y"
    "0eNiOkmwEneQJ0MF+F7yTDhBvqs8E9FQMrn6AnwklI+EEkSUYO/+Yugfj+Hh0D/pnb7fB0"
    "b4FUBoAwET7ABsoWVuNM2a/gAMzwUaeYfpaweC2A4XeFPEbmczr7f8bFU/sllufbLiGnJd"
    "Yd9zmk65Q0t4AaLXSLDYTIpMuoiKGtKzg6xLh+OULEjRjhOpNO2EAepnqhLnW5Z4onBj4l"
    "uKAl+L08KWVDKkLdXNYpQPKx96eX1YKrH2Z/BpsK5WYhb4JUU19uLWKx0Za7GI2Si5FNl1"
    "iCwd4rlI6zZn3ul6lLaGLndhCdPdZmXpfN3wbvBTh2c0ie51C/MK6KiRGQ5bbSOJNQd2kI"
    "YdnRaIC1oC0/OGfrKJ8I4taAKq7p6D1ykObpE/XET+NbQpCH5flzUOfp3OOQaRGh+k+hK3"
    "tS+x6li7pfB8f/wfpHnC5fOTZEqBWa3ABNt8RPmWiJUkRbZ9O8luZNhaLCK275AhYnbXJY"
    "mM/KSOLhFKU89HX15NXXV/rT4wLTxkxTTjBJGCdXUZDtUvs/J+meEmVKiuMiAkXtYmlcG/"
    "xPiZ/MKB7xLt3A1+fsbwkB3ULbJAjIPhI3cxfhsFDqJYSd/yDFNVMdhuuEMAuqAYuCCSUA"
    "JsicRXLu1ECfo/oaCvgvtVcH8DRKeVwf07kpt8S2e4ZoWl4E6xhMTGlIxipT14Dg7ov5MT"
    "+u/Z+By41G8CTRBWT3HBq+FNWeSoSf0lsZY/1E1Cr8+QQ34IWPQrZ7bErJem7oepONVmCW"
    "6q/JRqFNRGLwv5woZl8Guq5jtZklTKx7KBj0WVE6+AL6fLBWXRLCyasiTaYpmUiEW3tkqK"
    "b+trqrNJSqXONkWd5VgxMkl+VFQdrVv3nE+slNzVSm4KuQr03Z+iMjd/w4kqwNwa9JxMkS"
    "jR9dOvpQpBC9Sfb4m/5u86TQVXYeJm/yWnZHRyQLdUJmyUDVrShtCH2hRATUM2zTJdZKZG"
    "s3TBeM6STF3yKkLPd9A5gMBBtgnnNC6TpZqSL83ukwkcRJbT9YDhkj8nvov0rCVhO49U9o"
    "Rm2RMWqymi+SaIpLMsVK/8IsooAoQEUE5SSWhleFcmyO1dfozbu0yI2xjrnHS/fPtCNL4Z"
    "Wa70sdJkuTpIQ0TZXUdtS5Eqva0pelueG3KjHKcKBbcp9G6R68InrqMnfrtQaNPIwNEsGF"
    "lSXru3aG0Px9foqaiDkJh8iWGHLueQjCF/oR/esEMYy7CjkR8b/vmXb2jPIypIGcgNr02h"
    "pePJZEge/vbt27/BxMEzIm25iGxXJyu6bf3pKn+npfk7wRoKyXoLCgklkDICSL78kY2wx5"
    "bHNZrkSyAxEuXe2EDcUDFPP4uwkWxi47rCDV2TRMoovNooHCJWgTGYymCD5Wwtg7l0+Hhi"
    "hzUpDCqOf46IHFueFSJy+DMFRGSCHPUqM2v0OTAsZjWcGZbxxnbwkwNnYA+GBsQ35K5meM"
    "b/IGsfYIeMdLD/NAXfEf2SkYwLbN+dEiILYBtZhr7PF4639Fxl3GyWcZPsUstCnDj3gnip"
    "JckWa23RrRjuxLrsP3UnrAfvgQjUS4qa0tRlMiG3sreYJ7iZO5f3j7SrmDe0fvvW/0b7if"
    "1FK/TqQ+vic/+O3COs1yJ3iVYwYN3GTOwiPc3yd6D57bR1ZcOctnVzmmBLrKHpJQi3UnlM"
    "dVJcL4PJg89onZ45cTpVWq7JKxxw7nXMNXFCtcaNXmNlk/sJbXImdL01ljxGJl+XY4mXm0"
    "nkgvVlnjaMyW0Yz646t2DdqOdqAp4lB3f7adISAtqYLOmGYVtZkjSfHVSAq1A0fkvRLRmH"
    "nznF1LZdVWzqqYrchnhk1fp5DalorpbJ/7tJbMAz2wwflnX9LW52Cx1/0bD6S0QpX9lWfW"
    "UEhyfsCHVLidNIGB1WvenaMzyxytkLAgnhPTko4yQ7yHeSHWTgRT84h/gjuZqDbjheCnCL"
    "bAr93x8T5oRMxN3CpHBzf/c5Gp4Ow0tlwHse1KZUyhLrLpYka0bmhVT9xYIcPtYoz8IizC"
    "ZDKJ83svqqMcrzu8WmCO0LgqBBLoKMpXP/0L87Z4FlDYx00InQvkbXrwWVhM6clljzS/ns"
    "JiZ8EmFj0Xj52FfF7w1NseIoV/nC6YJABmi3LZwGCW3rJZ/GKVWAQZOZlQowyOdl8nqcd+"
    "sebdxCV+wfjfjfeC6GboZO+Uqb4HyWcbs2xvvcNHAlcz+3Fd41/M9L7rm93dswXlsW3cxB"
    "06j8SuxbHvNmchyswa1usXuVDSqZUnnh4ZmhgYgI7NG0Rh0a5hwsbblvLH82Rg5waUE28p"
    "mTIrnBPBu4cZ+RkLMxHK7KjaXdYGGuWL5r9wWaPq9UcUHVlQXJ9oSOg3olji0UXmlIGaSP"
    "yDRol24eE1rcK+RCFvaMSVg0lPJWSmKIlEKKsqQ9zNpLOEgzbIM2nMAWuxBm2XaBTiZ+QX"
    "pQYojewb43xj8Aq333FvypI923R+TV/5MWkgz20znN3s7wsO08dmjphmtDTyO8DhgWOWi9"
    "sL3G/R24ur/7dHN99Qg+3gOyc79c333uAhcHRTIti3xRAK3gGcCiPToAUXpdVlmJ7FnamC"
    "NYnJKM9Y+YR8NCP2j0vIdmNouiF2unpuovVckGilhxUNNRdA3iVHUxZFnXIiZvkB8rJHCE"
    "46WIDqm78mZbSi1sDeJeGbGuly/W9TIlABbHmQjICSIJYX5fJsjgfX6QwftMkMHi7BeBOU"
    "EknYrSOygTqkdG5e/mg0ywnkrEqdi4PFtGw5cNxouRNCMQT6oSyMbMxo4HeQy7sE1Qgm6L"
    "nYIWV1rbKqiFAWI2smiTCME933no330k+uU5COmH1oAVyHFZfZzBr9cPDzRszH02bJvWz/"
    "l0cX1DL0ygYdLPH/sX5JOO4FoxZYdlwigP88MoDzNhlKHuylm7/DTiGIk0ZqrKToO0RSCD"
    "a3GABIdcvrT8lgRFlIqFYfUTkONgoerOSSoZIs1SkuvxcRnJ9fg4X3Kl91StYRV2RE/WNZ"
    "Y8RqaCCZvGQBvjsVlERXB9NvGYiYJeY4txKjdXstxc1fRbNf1uTSBC7MicYscbiUKcpJIQ"
    "6Op3sU0gEsJ4QSCfyF89ukSIIHJGjlkpxzaxJJEP4cNeGfchGVVg/2EORAHxK96hmOhPO2"
    "qP2zS+kltGJqGuQheNWAhBdVgtWt+2ax+Xwsv1kF0dUgMym6w7a+xburlpIadLNomsEGUa"
    "pawPlFjvnDa+ecniUhsgFa9lJeOusuGcfv0NYXoIZpEVJPJ7yBwbYvSVTSLp++YgbRnouy"
    "lQ8blk3VJh0ZYNoRoEs8gKkm7QfcUtJSeEkgcnk1tEc05kRcqlP3FEw5o23FFyZXzVWgSz"
    "T1OcbMdwKQAZW3vsbrfI1o4W48qmagETPUET2GStsQUmmEi9YDwHhueCoX+K9MnQf4cODs"
    "jf748Q+XtyCOm/6JBcOe6d0bvoiPx9dnAI9j5fgqPe4cEBL5erxgcpv0DD/AIO0g1PuPRY"
    "ikw6L8FhKfNUgXUqE92uvATVG/9UREU59OWKqFjL5Lsrc29b5KVsPxbTsJ4rkCmT4lDL3p"
    "ydiJefoIYKGizHbxcKmBMyULDB8kXUo5jSApqyG6njYG/oH/eOTof+2eHR2T6YQkt/gyeT"
    "c4B9h+a+kif9RV5TMIM0WpjmzwZT/eIG89BSCzxRs/4HKpGzWSLnYnVExKEEkXziZh0S0f"
    "IdEQE6SSUd0tttq5wTndKeJJF193PldZvD999BHPE+vwRJgkgl/GVTPNAP2yDS+BpaU5JS"
    "Qq2pJVpSqcwOpRznv1FyKceJQtyGZbjTtZY9RarSDpr8dquSoKok6A6MIF3RkqC7yYz5Ak"
    "2zw7GjsOvdIgPKlIwobTgJ/fqAElHbxdnZO23onxwfTci/pwc6tWbAQ+oa69G/J9pRF0Dg"
    "4VfLnRo20JDlOWg/KARGHW20dwct9zXFvuPyDCf1P1AZTpplOFE5PCqHp40Wkh0kPzQb4l"
    "rMfSqBp04GwU7FLLr5dZEWBNuvirQbtamW+keuib3RzLB8jxcxOZgR2SdXrEjTbk/TOaq5"
    "wstR7/RkIVzQD0VyxeD24uYma/kj4qzxwivpXFRWakm0xZpSkZzRqpJS6wYpYPLVchqiCg"
    "YpRDO1l8sURym8ki+HXzfEiSqB39lEssL0bGB30ziOX+kcH5HMEeeeoT2jTd+633zko0c2"
    "k6w40UN109wFMoVM8NRtvAr5U44Ja8m9ig1Zoxi/LGPPCoZTw9IpfH869I+P0NE+wBMAA4"
    "sTtHRazR5o0IMmforMUS7Yo2YHdx8YHovZMRHXelX19Bxb1R/sd9ObDLZ/K9vVDm1XysBS"
    "fwNxIf00TtOMwr30edIU7lXq1dYq9rLTTYhpxyiU+3O1+zM6Rjd0f0YOt5aBW9b9GdtUou"
    "7PnaohDTPk7kTMvrbG+MdtWMmeI2gn7heK2gYdOQqL4pcUth+JnGtYb8ikgJFTqfhEPzsj"
    "/x6cTOIe3P1z8OoYnocsmo/JWuzFe0mxK6xMzy8uwK8WWDSNIt/AciE7cLPS+A6eX6Y1VR"
    "R1QQO0VEOqAr6/44ZUqtvJdrqdqOZTNTaf8gzPFFJQFwQSwlt9CMAY60LsIRovIbjHpXjD"
    "cQFvOM7yBpqsKYJvNF4+138trFfFz+ejL2/8fCR4Ci55jEzFzau4+Ua/vCpufveGo4bGzc"
    "ed/hyTSComIN8iwgIQyM9aeBvKeB8d9GS4HnKQDlxkTt5Ewe5ssqWb8AN1A7pkM7kshN1B"
    "ZOHdqJ02veIicgB7YM/1MJ0LWZozt8kO4la92s5DVVR9szyTwc4ULEeQIJLOfFGHh5K+Ei"
    "PyKmRRfkQ/8iI4E1RS6IJF8lP/98diP+RCfLq5v/scDU87J5Ufckd+SKUk5rMXeZVE5X1W"
    "3ucGKBEbeJ/rVCJukP7EasA58w5HiYjfLlQiTDZwRHNWjdJahE1r3rzBhO0QIV3Djk5leP"
    "SCnDmYYQvRf18QDZH/AFx/5gJovsI5+Y9wBxRI89SfSegQNwO38ukr1gyUB3RbHlDlmaux"
    "8hOcYd/yRhNkCZyxSSJ1zHJLP3nIsSBfeMnfuyky6XTf6n2fWNN8x1lLMUiRSqgZtEQTKO"
    "VPUApg/jsmrwLIBDgxDTBOos6m1Sogw6sCHfABzqk8fh9N1zKUy+qC8e3VJGXwDg+m/ES2"
    "8E63SAWMJUeTd3HkTksns91bCMwM10U6iE3Ccs96RzrtaAJP9j8AZGH/aUqVOKJ9zWg4K6"
    "QtUAysE/3NpcoeGGNMZPenrDJYzyNEomSFA2R/Ft2wNseR+DEv7fHekuNcRYVs8cXhlrUQ"
    "AzZLWA2+rWdLKuamSTE33J2eXQMiIzxi8k/JFdiwhMtO93jZZci+4CVWYyMZ9N73xvhH0H"
    "ucI4jGbxdKo5gNjPVELxPVpOMZASPIkFokUoVpUy75IoDKGmPooni+FIBuUAlhCq0nRGOP"
    "gnnHtBhCbBw0sy6Kup84tAIc9t8CmkRm4VgvWPCKnWfkAKr5u8C3FpliOnCI6E6/haEH7g"
    "9W7YFAbLwghz169gH8uRw/gt6fwHCHlos8gMlLE3pZQgr6h0P+0MHEwbNlDhqYkt8xRihM"
    "QyP39xDUpkuyZ4TsIIaL5qqxjCRybV5LmJZyxihnjARpUvCJiNpPBA8RhBNEEsJcvcvAhn"
    "MTQ842zq/nESNpRjkP+lhpynko037+uyCvaT8hgogufIZ4K8lAO5Dym77SuVafjBa9G7P4"
    "A5yHy5tRR6JbhaqIHQwqqYUM8IwItLQmAwSa4Rn/Q+Rj/Eol+6F/jN6/G/qnkyPy78mYtv"
    "Z+f3b6fv+cDI1yISYIBZkQGqSzQ6o3TIjMDyaGRT8TFYDWgrCw9caDP0D43bIG8919DW6l"
    "uEgIdNBEFYrbqVVdie/LVOYycmUvX67sZeRKur0FsA2HSwht9SJ7/GsJQJwikxDqWpodGB"
    "6aCZU7XBA0QzmSq9ahitCsxW9GhJwR3bcj0cY/GUIJ2UoNOYoFjXz7lj/L+G2SuYq7aOrr"
    "WzY0dEE+0vl293Bx/fEcBNRDK/gU/P21/+nb3cc++UwOf588m1y7uri76t/c0Isa/e2mif"
    "S0QL+b2HBllsmHXl6zDN2payx5jEzVZWmaLSYVL2KGXkTheJEUoer5nRUrdGRDZ41onAyd"
    "Eto46NpwLho/FidRmK4OcWJ4ZfFVMU7J4Jr4tuKH1fC5QgXIfkxMJim+GX64GuTYAVUByh"
    "fJ2dp1qgmEiKXO9PWrqwe51lnkRYqrS5pDUmt59RCz3Ki7xP3uCl8Xe+HE4u5ekGOQr6p3"
    "gY7CWlzgOyJ6vQfIoxNha10QVu1icWbjOQsPM3QwRhNymcbCGS5gexLpvBpidT5KhaS1NC"
    "SN7VbRPOuXXEFbJVln3S8BXAwhYZAjKgmtpNVHABI9H/uOxoE53/kSp1HtkDfwtDhIQzTS"
    "ea2qxAlSZfFsikmsjMUzlAI4Z3hhGb8l1Rbr+C2utKqQX3NiwZbaRb6kvNA+VkvKS52nXK"
    "I09Dw0sz3gYRo1RfOTg9gp4E0dlrwck2b3/jG4eLjm1NLdZCJVH7dZAVnYJxKSA3VEuJOI"
    "bJWmk06Ird4DrQIp6rHJt9CzT2tBUIjEEO489O8+Xt99PgchfdK5T8TMAfPim9iljv1PF9"
    "fMqz+BRmNc+raDyEEhqCwniOTraVO9uhzL4hSEOktZCd4N4uvVox2F0ghy9jTZ9nj7QUsY"
    "O/phG0TLWkMdTlJKqA23RPstFRCiwrzy3yh5jR4qzEvut5oWe+A6wnMPxBjF9s7Cw5acha"
    "F5RTj0KEaklEcV0LWjgK4ozXXDkJhYwmzLIBaI6oq9satDjlSwXEXBcmUCjII2FRw3jUCA"
    "UaonhiR4c/ThDQOxvrJJZIJIyLGUcgrbHDk5QjMqPFcG08VUrZSL+ZgK+N9+85GPHg3tGX"
    "ED1eK3u0Xet7/owJHHRpYOU2NEICACexcHh719ash1WNdJ9ocO511wAf4v0KaIjNLf0ArC"
    "yxp6XXBJ7r1C85nc4EWn1fAEbjmFqGcTma3D9s1sTG6lCytkxoWWdlXHeLsNMAPwszp2Th"
    "pIMLxIt24vU+YhSJXllE4QbugMavlm8yWFhFFmZYLM8mPMMiFm+SVAVjvr2lAOpHPx8HBP"
    "3svb/t3jeZy7Dq3vFze/jq7vzhmLHRlWU3xyBnYMj8MmBjPCwfP14BidTHrwUe/0ZMGF6Y"
    "ciBjy4vbi54fikg0pGwrn9abomb/Q12Un1GzgCjX1eA+yITkKwq/d2tjDa4hUa3hrRFt8v"
    "rh9ZtEVIT0slRHUSaJGEoTX49frhgV5wnw3bZjEX13fXgy8s6sKwDHfalLgL+o05i1bM4B"
    "dE0rimq2Dtyl2Zj7K87srglV9n0eOEymXZZJdlxLLXWOUUqVrnJq+zaupetRd1+12VGvZ6"
    "VA3oK/kdZFMLQZqgUaA2r1NVs6Ji63X6R7b/Df3SX8JpWsZfy/qlY+fKal//dnt/NYwXlE"
    "V0ZeuvLJetaJt+X0wmJ7KJ40WOtmqNYsgCJXO23FXtK/SCL57xmId3ukXOcoeNKe0mD9sF"
    "/OKCwzfHICCmzQCwhYAHnSfknYO9Ybxw0JBMDTUN2WxvAAvvd+kIbQo9estFLg0rBYa+30"
    "0b4+p+3tCiN/DMNumC0rvk6gcAQfAygRfDNWgf4UREQTiMVmMFYwSIYkP7DrvsG81o7Zjg"
    "awG69fOd9MGgRfWL8CPZMKoBwi7d8allKZ2XlSST0FNRvc17ueXFga6yMk+jYH53UKZkzE"
    "F+yZiDjENIIzxJ1LWwIJLJnFKFd8GDT0KdD6LxqvFBwvpYSVc4POPLpPncI0YiX57y0UEZ"
    "3kFG5ddEOMhyj10GSjQa7uoPRL5NJh/jaLx82FZf3EN5hfOhl9crvNti6017xVrvVGrcm1"
    "OvjX67BuWmgVuLRXl3ddYbxgzKoluyzHpF9foSaVXLWs3ZtVoruSo5oRzrJZpiFeWY8YzF"
    "y/SzAmtxMKisudgCZK9onoMtQwMhLW0y+/70GA39U3hA/j05PjoZ+seHJ8fkyvER+fd4fH"
    "xA/n5/ckbuHp0g4HpzE+13gUveT1qy+wU5rF63Bi06MzQBVRA5OVfbf74qoNgsg+7uk4Ua"
    "VFyrer3KhnMTQ87GzTeJxUhUOeoN7F+UGUHP5xl3H9GPPMNunEgK+3mRutr//bEY9oW2en"
    "N/9zkanl6LVH4cEq2PuKSQAnBlqlGmmm7lphpWKVvMnBAnqcae0HpJKGNNWC/kB0cVzjcK"
    "9tm0WVMrwn3im7D2QB9Evo5mmAZTYr8iGzt5mlx2XHeFWhejGDmMpJySl4+oUoWapQqNDd"
    "McRRUisucqH9wE0U9ddsL1ZzPocNLw81WdGIlSdTZQdXRjMkEOIqeNUPBFikwtwSbRFkoq"
    "/0mk8o1kyEqFnZjBni/lJC36heLNcmhJ2/XQP9YRGvpnY+0dNRKfsn+P3p8DbCNqBR7Ttj"
    "rLgOQewA4YIxO/dgF0Q0uxhwERfcDSiwJeDW9K6HSyZUzDQlmb9RafqwS0ZgloLazdQfdk"
    "Rwzuzv1D/y7YzemmKOmXoYwBquLyVzp5IcTPuCWVhOdbS86zUrnlExM+idhuo/HyxdhV/N"
    "5g39Mwr75Tvi8iRiIDvNt2RAQscx2BPE6oSmE0mV0prSufm8mldXHe7DHf0ZhfDyxFpoJW"
    "s0Gru40Ibtw7VDG6gVYqhmyCRrnxVgUF7y6CtWmbt+IQVi4DrgBjuet5pM+cKgtPOIvqBR"
    "u5oZdFEFrFR8quQIJ/1u+BZm0/uNbYqCFIkRl20XlEuZVbdSB1C6yWtNV4sLJr9ChPEEoX"
    "b1t9eWfVpLwmyRVBl5dokr97lxQSRnWelUklP8vPJD/LJpK3z7dhO1ijxYLWaAT/9f6qPx"
    "gEveAXswytwbcrev0cuL5GL2abwl9c3t1/vb24OQdwbGFnBs11fCLV56aHfFos8DlBpBqV"
    "r+LtytiXD728xj7GCpC+1rqnaZUxv8nG/EaEuO/6Ra5cbiM/y/XWsJZzKJXBfKX5MSczYJ"
    "1WwRvlBjSDLVWQHZC3mZXlcZXdK/v+1lqbQNBSNggKYHU4prLoVrfIVhYW0CpdlzUcDwwP"
    "zWiG+zt0Nh76789O3+8HsX8sX913HBoM+OQbOvoA0Aty5gDphgcMF5CZMXhGNvlggfA7/h"
    "M5tFgqr5tp/Q9Uhr5mGfpEa8BV2ySvQapf9eq1aGs81RJPQK/O72jKB7cNXUwbs3Ohrxso"
    "FEPKAhyn2aI9LywlLmjMawzSpvGCTGOKMWczX2JsImjx4U4SpgAfE8q6EI849HbtApf39z"
    "cJk8DldTqa8tvtZZ+gz8Ang4xAYsxql9iiuRJkUQmAWdCLSyinaWVS3yvp0ziFloV4XS/z"
    "E/riNKqicmKTV5HjZxCdh9pYxdhLjGqLvGVxpbXMZYq9kQOtZ1HGEqeTyGJVBU9haqYIQ1"
    "kQqNzgDfjGS6C0C6jcMYrtnYuH9W7g6vrgkTPmhbONC7nwkkgJeOV5sG/ra7pck5TK5dpg"
    "T1z47VUSgApYb8KxXH/N5UTvPjNe9iB1oITUn35dXT/5YjlT+0TMPOR5UsyGOCX9GBLt0r"
    "+34C2LUMt3msVwXek7G8VXtNqA8z+iZ9CpI2FWde7bpXeqJUpI4xFW2vSOtWkL8yr0FfgC"
    "Mbc4XytrKCR9KL1SHc16BR3NetmOZirKNh/9dqp8ZaJsaczJGkGCaTKJ7K2VHRORtCUEbJ"
    "JIHb+r9eiYwLmhEh2LP2sZxGU16OTuWh14uXjNK0BX7qjLNENsVMilib0OT3Wk17tFCiO5"
    "g8lvZiYXl4wuHXU5xviZTgLoiQ8oadSbPgqPhB77SHt1vgV/0vFI/5NGP9L6jARhb3oODD"
    "rGnIMZfkEure9IloHgTJ6STf/aykOHVmDedsFeSA3+C2jQhprhzf+k1SXp1W40NfhvcMCu"
    "Phkv5OHANiH5EnRR9/MCOf9YdC9Nd4ol75fjZXTp/PE6nAejlaq9tTqVu2wK3LQzqe6wL7"
    "q/uYpKjo8CcsuN/1yV2hkL4YJWkEsXEUmo2LVEkeP47jiaHC+Yt3hpETeeVy1ssxY2ki+y"
    "q1scDxWnk0mRrCIgKpDPRBFdUm0Pz4Pmg0klUDErR4xCpp1Zl4kjEvE31MC/hNO0DNyyKn"
    "hsU20UGBBpvJsHBkQzSQR6vd5uD04mt4i1meXZK2K3u4V+bjpwNGMjS5osHqe0mzEhA7pB"
    "u2JgZw72XFZD4gNNw7QdrPtBjLs7J2+ZDiYOnoGPBMNHaD7vn4PXKQYzOGe9kCkFdIMJu0"
    "HW5+vU0KbAwSZys1mjW3+6SiFtluXAd5EjVkNoSSFdGmn1mY4qjbRGcBlXyaKbHw6xIFCp"
    "SgkdtIogCRUjv7UYeRUtraKlGySZd6uOlq5V0vfHix//m4892OHJ+5lBxVJ/bPjoLzq+tL"
    "syzID/xaXuwTeB+zCYbYzezJDrkl9B/YAuVQvBBDvMjeihmU20QAT2Xn+8DcvuDCKy25Bq"
    "SLirhmxv2OF4LLfy3KEFdZ094QNAkKgB3xGRfDxAJtUBESPZrQKHpB867qPH0u2kQnp3qS"
    "3EV0JAqk2RKeG2jHCLZuRZ3HL7BRX0YjTSWIori4tTuYX5ULcz0LRMbiE9RcTk5BiFkpBX"
    "S8jRMb2dML2mgVtWKo5tqibJw99sE8Ok5JS8Uyj5+mxMaWl3Ypg0Gi0UPkFAjXSwZ+uTLv"
    "iP/dQFtvW03wXaFGnPQWdlAqxHhNAPwPXIjmKXPGa0JsyESJtQh7aHHF49xJqfVrElO196"
    "ktTYetQrITId9XJFJnqrWFpVxtdlFFyvTHdZMio/Dq6X6TAbviwBUAI4p+kkxLuqzR0LoS"
    "NMTECGiYYrAYaXIDOFveMTkS27pKhrs8rk9QqPy9Ez4sSOFYCcJJOQLdTDhlX+pGRqbZn8"
    "SfxqCfeuiJGoc6FEawWKl9JsV7ZUiG2r9ePffNq11OBUi1izJs4tAdoxYBkvcksy/2qNgG"
    "N7lGcFcFfFvFHDRmkLgE3GYosFjdGAMRcY1nlMR98LPUTYRpah7wPshNFpe1HEGQjCj/Z5"
    "Cn91kw+toXX9EUBLB/aUer4sn4X0AeigyDSALM2Z2x41KFz0B28+X92GbRYgIAIMtR2YZA"
    "MBtomYB83E+Nm3u8A2fZb3N7Rm0KV2B3JzRi6Qr0aOB5s63VzgTvFrF7g4uE4/ke9IM/kc"
    "zOwaFu3cAHTEvgP5XhZ5H8gIFWPXQK8ZDTviy8Gr+yxGtI2vyt65un68/lf/7jx634YWkX"
    "A+fToPXrKhdfHx9prchfos4PK7T+QLGIGIhrKkUM0Tk+hmlUCdNsEWDy9NkSmcV+EcxJwL"
    "x0KmyFREZELvq6Rs1DbNzw2TYeve9IY+CkSyERHDsiA/oh+5MkuKUAa0i8wa/d8fi3f2wq"
    "pxc3/3ORqe3u556I8N/YeYLytNWRP+MnH4JWiBwrAe4EtaGbZ8qi5dGcx7+Zj3MpgztU+U"
    "uSSIZEB524wlAFCUqSSpFENZyVACwMSZSZpOhi1et5L5QjQZMtk67pkUqeol3pwow6w/Zg"
    "KD+tbrLjaPXq14k1dc+V3zmaq8flcVRC7bqpcJIt9tymXDmLi0GZcNw3lrCZe7b0/TNFaW"
    "64NP1kdzibb/UknFngir/otUWzXFRDWjgoY+MbQGHrIlBUvVgxIBy9cNb0TFj02xohPd4C"
    "dZNxXDyfXH/0Ea53RVSCXqNFJPtOu7NrIq4FqXwYSDxXyyvovaFHoj+MQqtyO3AuRo0NYg"
    "mEnSzcYgU2CVBAvTYgLkJuH3RBDgRT0IARZNJztcW8SplXyLGWCreQk/kanKv4StRMuwxp"
    "jjpBNB6ZpOEVaNkRUmC49o7O6G++kOD8gksmJkwzn9+hti9BDMIjFIzMCDHT0Mt98IKjrX"
    "PZ1KVrw8Q3tGm555v/nIR49sJkmlA/JzyBwbwvSVTSLrTqJlkY1JZBQdaSZ2eVETQoDFp5"
    "R1Z6GJb+nuKCwTtzlkdDpJsYraMNFebtvudt5KvPgFFzdAjVfwUUZmFivYsz5ay8pAMkJE"
    "JCPk2I7hopFpWM+bYkXe7f5iRpkwqzsbNYZaTl5qEtfiDNXRcllFi7MCWqWaJl/SNEuwnO"
    "cX8pmaOcHe0D9F2mToH/feo6H/Do0hNz914/kKq6QuJ1JFUhua7snHdQcpnmyfderCt+aI"
    "WhV3lw99OyOwSvWLXx7LYg3j03Sq8gmvNK4qkqqKpO4+km1lkVQ+R6gAWCll9DS8GV7YpE"
    "q0F8gxtGmHI+uHdwplfLgcs0qyz4dVFU5pliT9srRilRWmYyQS1g/sHR+XSXQ9Ps7PdKX3"
    "Up2bbFsE4XC4hOgeHhyU0VUODvKVFXqPWyQ3i3B+aY4YyfbLctR/TNVagCMjgm3zMPv7/w"
    "PM06Nl"
)
