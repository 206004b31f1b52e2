from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "counters" (
    "key" VARCHAR(64) NOT NULL PRIMARY KEY,
    "value" BIGINT NOT NULL
) /* Atomic counters (the daily acceptance-number sequence). */;
        CREATE TABLE IF NOT EXISTS "applications" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "acceptance_no" VARCHAR(32) NOT NULL UNIQUE,
    "subject_code" VARCHAR(32) NOT NULL,
    "subject_name" VARCHAR(64) NOT NULL,
    "status" VARCHAR(16) NOT NULL /* SUBMITTED: submitted\nACCEPTED: accepted\nREJECTED: rejected\nSUPPLEMENT: supplement\nIN_REVIEW: in_review\nAPPROVED: approved\nDENIED: denied\nISSUED: issued\nDELIVERED: delivered\nCOLLECTED: collected\nARCHIVED: archived */,
    "resume_status" VARCHAR(16),
    "form" JSON NOT NULL,
    "answers" JSON NOT NULL,
    "consent" JSON NOT NULL,
    "supplement_items" JSON NOT NULL,
    "idempotency_key" VARCHAR(64),
    "channel" VARCHAR(16) NOT NULL,
    "track_token" VARCHAR(64) NOT NULL UNIQUE,
    "track_revoked" INT NOT NULL,
    "promised_days" INT NOT NULL,
    "due_at" TIMESTAMP,
    "paused_remaining_days" INT,
    "submitted_at" TIMESTAMP NOT NULL,
    "accepted_at" TIMESTAMP,
    "finished_at" TIMESTAMP,
    "updated_at" TIMESTAMP NOT NULL,
    "version" INT NOT NULL,
    "applicant_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    "bundle_id" INT REFERENCES "bundles" ("id") ON DELETE CASCADE,
    "enterprise_id" INT REFERENCES "enterprises" ("id") ON DELETE CASCADE,
    "lead_department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE,
    "service_id" INT REFERENCES "services" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_application_applica_c2c8ff" UNIQUE ("applicant_id", "idempotency_key")
) /* A case (办件): one acceptance number across every department and channel. */;
        CREATE TABLE IF NOT EXISTS "application_events" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "at" TIMESTAMP NOT NULL,
    "actor_role" VARCHAR(16) NOT NULL,
    "kind" VARCHAR(24) NOT NULL,
    "from_status" VARCHAR(16),
    "to_status" VARCHAR(16),
    "step_key" VARCHAR(32),
    "note" TEXT,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "application_id" INT NOT NULL REFERENCES "applications" ("id") ON DELETE CASCADE,
    "department_id" INT REFERENCES "departments" ("id") ON DELETE CASCADE
) /* The append-only timeline of a case: every status change and step decision. */;
        CREATE TABLE IF NOT EXISTS "application_steps" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "key" VARCHAR(32) NOT NULL,
    "name" VARCHAR(64) NOT NULL,
    "after" JSON NOT NULL,
    "is_intake" INT NOT NULL,
    "status" VARCHAR(16) NOT NULL /* WAITING: waiting\nOPEN: open\nSUPPLEMENT: supplement\nAPPROVED: approved\nDENIED: denied\nCANCELLED: cancelled */,
    "opened_at" TIMESTAMP,
    "due_at" TIMESTAMP,
    "decided_at" TIMESTAMP,
    "decision" VARCHAR(16),
    "comment" TEXT,
    "version" INT NOT NULL,
    "application_id" INT NOT NULL REFERENCES "applications" ("id") ON DELETE CASCADE,
    "decided_by_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_application_applica_0658db" UNIQUE ("application_id", "key")
) /* One department step of a case's workflow (a DAG: 并联 + 串联). */;
        CREATE TABLE IF NOT EXISTS "face_sessions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "verify_id" VARCHAR(128) NOT NULL UNIQUE,
    "out_seq_no" VARCHAR(64) NOT NULL UNIQUE,
    "status" VARCHAR(16) NOT NULL,
    "verify_ret" INT,
    "expires_at" TIMESTAMP NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "finished_at" TIMESTAMP,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* A WeChat face verification (刷脸) hand-off: our out_seq_no mapped to WeChat's verify_id. */;
        CREATE TABLE IF NOT EXISTS "uploads" (
    "id" VARCHAR(32) NOT NULL PRIMARY KEY,
    "name" VARCHAR(128) NOT NULL,
    "content_type" VARCHAR(32) NOT NULL,
    "size" INT NOT NULL,
    "sha256" VARCHAR(64) NOT NULL,
    "storage_key" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "owner_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
) /* A file a citizen uploaded (pdf, jpg, png), checked by content; stored by the storage adapter. */;
CREATE INDEX IF NOT EXISTS "idx_uploads_sha256_f80549" ON "uploads" ("sha256");
        CREATE TABLE IF NOT EXISTS "application_materials" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "name" VARCHAR(100) NOT NULL,
    "required" INT NOT NULL,
    "source" VARCHAR(16) NOT NULL,
    "dataset" VARCHAR(32),
    "shared_ref" VARCHAR(128),
    "shared_summary" JSON,
    "status" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "application_id" INT NOT NULL REFERENCES "applications" ("id") ON DELETE CASCADE,
    "upload_id" VARCHAR(32) REFERENCES "uploads" ("id") ON DELETE CASCADE
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "application_events";
        DROP TABLE IF EXISTS "counters";
        DROP TABLE IF EXISTS "application_steps";
        DROP TABLE IF EXISTS "application_materials";
        DROP TABLE IF EXISTS "face_sessions";
        DROP TABLE IF EXISTS "uploads";
        DROP TABLE IF EXISTS "applications";"""


MODELS_STATE = (
    "eJztXetz2zYS/1cw+lJnzu3YcvyIe3Mzsq2kuvMjEytpp1WHA5GQhIoEWT7s6Hr53w/gQ3"
    "yBFCmTMoXiQzIWiQXJHxaLxe5i96+eYWpId34YWJaOVehik/QuwV89Ag1E/+DdPgQ9aFnx"
    "TXbBhVPdbw/jhv4NOHVcG6ouvTeDuoPoJQ05qo2t8FG9AVChg8DBxDvtv0MT7y2anb25BC"
    "ZBAKoqslxIVASIZ0yRTa/YpuMA9ITsFdCQBW3XQMQFkGhAXUBCkP4De6xmqvS5mMxbe4JH"
    "8J8eUlxzjtwFsulzfvst+nrishZYQ4ZluoioK2WJVr3ff2cXiYa+Ioc1Zz+tpTLDSNdSmG"
    "ONkfvXFXdl+ddGxH3vN2QfN1VUU/cMEje2Vu7CJOvWOHiDOSLIhi5i3bu2x8Annq6HYxWN"
    "R/AlcZPgFRM0GppBT2dDyKiDF4iv9RTl/mGsPA7HitLLDW9EkRiP8JJKOYSyBn1Vx//6OX"
    "uF7/vHb8/fXpycvb2gTfzXXF85/xY8OgYmIPThuR/3vvn3oQuDFj7GMajxSCvEzON7vYA2"
    "H+AcYQZr+hFZrCNkuwu2Ab8qOiJzd0F/nvRLkP0y+HT90+DTwUn/DXugSSdzMNPvwzt9/x"
    "YDPwbb8aZ/INWlKGqoDtZZumagji7EWMeiSCCw/d9bgB3RCQj22dsKYJ+9LQSb3cqA7ULX"
    "c/gwD+kS4kM9oq/EBEYe8jX17sBm42xgl3VaD/Pe4+eru9F4PLy5BOs+JmRwfT386F8MJC"
    "O79mn47+G1f81GjKfYtcfPHz/eDu+G92NGThdGxNbRCRndK5+GX0bDny8BJoqNnjB6pr1+"
    "/Pjp4Yvfq2XZ5hPr4WZ4P2JXNEQw+z16fPzMfmPH8YL7t6Mvw09BEx3TFZtdvX64vQ1fhg"
    "Kvh2/DRnQU9G+rC9pWy6oJVfjp+KwCPx2fFfITu5XmJxs5noGUMrbiz94c4VYcFS463Zy9"
    "zaM9M20jD/K/Hx/u+SBH7TPYalh1wf+Ajp2cmtXYrP3nzCMqww9MPay7mDg/sMf+q+Ykrg"
    "x9CdQMH9az4Th/6kmID+4Gv2TRv759uPIhMx13bvu9+B1cZYYCEucZ2RyWLx6NBIkckMYH"
    "hD0eBfuGqgOSIJED0viAxIumgl1k1JoqPNpuDBF7njBDlN3i11i/OaTireDN69+hCaYO0g"
    "mSHWrdhjnFOmqL0dtWlJjNbqm45hKROlBnyISzlDTPzwFidBdEMeOY/a5MU0eQlKGdoM3g"
    "PaXEbfH3+spupfjVw8NtSopfjcYZsD/fXQ0pt/tjQBvR5a+XMBDGyNNdpoEdpCkaXHHW1k"
    "KDa45us+11H+wmjZhfY3Q1DymQo0zeUEhcbCA+tjFVVlkJyX6I/ti/lbEEvvHobvg4Htx9"
    "TLH2zWA8ZHf6/tVV5upBVpyvOwE/j8Y/AfYT/PpwP8zqMet241977J2g55oKMZ8VqCUxiS"
    "5Hl9JzB3psBtjIoJ9HP7r2HCqi32oudWygm55Ka9vbFhMqS9vAtOqc5LIR1B6Ivgo5YU/m"
    "Wci0pdMsMrBuMfAZUilOuyxOZ1QIOoutxjlDKse5y+PsWWwcthnmNKWU4h0e9vDt41F/Qr"
    "YTxs1UVI8SFLvbXBzviTq0jrFRasXJZMnkro2D7dQjmo7qAZuikfp7HlREXGRbNnZqApuj"
    "k+DmwdXpsqHEYXr1EOYTS8nA24Qi+wmrNTk4TSTZN4CVxX3OlvwgxWT8aBrk96aN8Jz8B6"
    "1yIUYZYMOQ3c8U/T1k3G8RE0VXYyaw4fM6Wja3nlMA6GejwNp7PXi8HtwMewVyuAF0h6nO"
    "9ouJq0KcW4A2YxzO+AYAfox7EhPdtHDcDG2gZzWA7NW6IzGBTSmkm3HNKAENAHyT6kxQ+c"
    "vXnfhwsxVvCtXlM7Q1pWDpQ0+IvUEO/auQ7v1/PiF9fQCFD3zilMrwSSz4Uyxr0O+xMdSb"
    "g+su7FFUxBwXWc2h9Uh7EwkpNj/NvpmYl6kZm79l9I3sFUjg3P8k9mz2pKI5WX66bD1vKx"
    "0xU2Kpsfmg2XiBWHA5Itr3JtFXgFlKdUwQMGcA+kfELsNjX0FQtX/ca478k1+Mf4CGVMzs"
    "cvkTZs12zTla9pKjY1d4/nc5Pfau3z85Oe8fnZxdnL49Pz+9OFpv0PK3ynZqV6MPbLN2mD"
    "QZVzhjVt9NJ+35nbLnV/PKuqat2CZPGS87RpikEvCsVfNBiEv6XXUgjtoLCG6/SuBhvzjw"
    "sJ8LPJzZprHFsaMMmXghyy3E0ppb4JwikihvRpmpUXVj8JM04mHc/EljYrqcNW+MvhZol1"
    "F7EbAtU2CGv4xTukvuaMlaf7l9uP8QNc+eN/nG0TLqubgTJNLZUhg54G8ct4kdSBBKHyEv"
    "5ntLN2wzHlgBmXezpzAyWb3QYp1J77NnfFzTZZiYxpu9A75M3Z03tmNMXBnZxMqzGdPXc7"
    "bsKbwvdrPsyMC79iKU23iTzoZqZt6Uw2OjpbcY/4Ytq38Xs2prSbnqpiwSOFXR8dFRlS3x"
    "0VHxnpjdy2aX+dPDdu2DpUmyHZ4pjTh7b4+UOqZn84JfSiwQawoRWbpxIw8TJA7iqA3FCC"
    "dIRDBDtJ5MjgLpn8yc1WLjFJV4OB/3L6qwcv+imJfZPS7UjmcY0ObYLUuyu+QoX5TbpWPQ"
    "7zzPTm3j/Kuk8bORitZ56/ZQdqs22vLwW5pSOsv3ylkuba6t2lw9SzehxoW2WH6liMRbrZ"
    "vRiqTxtc5q3YrxNeDTJqyv6472i6+rgpua0B01DvpBs+WGwSiutppRcB3Tuzn084GgZC5/"
    "P+RyHZr5nQOeTXs5081ncADBzeDDJZh4p+j8bOJdHJ2+Bf8ArGbAST/4+SYf/tl892XVBS"
    "JBIWsKvLb5sma4yUsiTbom9lsPNZGW4faSDsKZizhOzZLMyxGBzCHbuPkBOwp9NFxy2L3U"
    "SJ+ik5kf65jp96+GwzPELgOuHu69nwej8eieKhwh/YQ8fBzeXwLTQqS4QkOVWgzXg/vr4e"
    "2tX2WBwaTrqCMVFdi3bWVmShHKRFrdyaiUtyrJ7KJCjy5SsbbVFE5TylHu+ijz86KVOHMT"
    "NOLZLVvwuZgGP8yuOGY/QSICwrsO25fJ/noyZL/rFq38Ujtd1Q3Zz9DJkP2unYcQkXWlT6"
    "7OoteKT05mSmopep8vlptwfgp99CS3EnXK/elp2L015z2e3zO6d1jq8GStFD1strmYeiIJ"
    "jY1U09aYIzJIPcOCjNgviyqcJoE6YH6tS/C8MINb9A8H0f+xugDB9x36CWqeFytOTfUWHy"
    "Tz3+xr/huZGWVHyQ7C0t11w7TTZCLs79t2lQZsrjC5VcdhmiHbvdtUoPhsy7Npk1oiJUEi"
    "ojxp4zSCDM8uRl/g8GyZZaSFcm3+IlsvU36KSMK62dwj8zI0npchZEKJ6qbM7anJ2iV7Q5"
    "janWNtiJO+F9sagsTpFUOqWczy0RH7f3bG/r+YXgKH7f/pfj9Mbe+AZ+wugEkQYNnCkyHS"
    "bLvPrhvIph8C1vkdfJ04b21o+2EyL0S3AqtVypx19P2ovXAFx2Vg9V5ZC+gLY4L5PqhiY0"
    "GaStoKXmArkOEXDcjllJaNn+oGpsdEMndM9aB0WRu2mKv30/7CiYLM1SWR5QtfxXogaz51"
    "ouZTIv6kueI84tgdWq3Lc216rLxfj2MriG4dlhkL1KBRRWvBwDUNrIKICBzQbTbQINZXAK"
    "oqsvzZ9T3xjCmy6Y6eDgv9zTlp/YJ+XrDHf81zvh3ajDa1Xyre9z9B3eOpmyURHGuS3a17"
    "R+0uejsI4sgtja9jrkwsmhwxlF5SiyVRvCDJ9LDSDCik5JVmwD1Y1pKZHU3bVepCnKYSEO"
    "jmudiiENULDIoIxIt9ax5dqGk2cmplxkyQiIdwY3FXNdSvpM1CU15rw9w1uVK4Y05FtEEH"
    "Ka9UVrpjfFwJL1kjuSpSiUCJ7bGKIzJEhCiKyngZRo9BL6KCpGEbsQgtjnWpFkounM3uEL"
    "N5iYqUwz5R8ZzQ4Lg9VmJFprVqIR4yE6tlYwf1ONaZxN3DMusMWreraioGOppDPTw9BmYm"
    "lZNgugLYdcDEO0faLIoGO393gujfs2PI/kfH9Mpp/4LdRSf074ujY3Dw4YoqxqwyCseW3O"
    "KDpCWpY5YkG7FzlLUNSmky4exKx5U2NCX7mdwxEmlXksd0ZJhIE8d0tjISSI96dZ2Saj3E"
    "VXRMlg3olGl1aM9mzquol++hih6R4wTvmtMvk7dLFcwZbag4QcvKKubPiC5JLmC04AnZeB"
    "ayOjiYeKf9k/OJd3F8cvEGLCBLcjCbXQLTs+k/lz7pTzpNgUFfCGnANcOuvnOCflgWCp6q"
    "2f4DpcrZLZVzPTp11KEUkXjqZhsaUTxH6gCdphIO6RZ8mvtRJY1lpamfKHtbfm48sUc4/2"
    "1ejcuyIwwJInl4OB9cj75amGrjW+ya0pQC7pr2ZJfECaYPtklyc1xtRom1OU6n6CHYWWw1"
    "7BlSmTC8y7ObeX/qHZBJUMhTMZtPxXgOrypQW8kfugZu1UMwCabqUuqHyFXOMaUkvOjFZp"
    "Skw76KBSVsD7CLDGbEYEkZJt67i/N3b4JMDMyNpnq2zTIwzD2soR/D9JDMpQKwA2jPJlgi"
    "i/4gIHzHL8FpXJ4Fpf0HSgtKtywoMvy7tX2mdNO1aCpZ0u+qA27UXkBwm+dclhAZhfpH5a"
    "jkBM0ObVEqdvF/EdlXW5SOn5COF6bJy6lclgAiTSiTQFRPAmESHRNEB5UCmAf90YC6XqhV"
    "ZGlF2vGc9M/P1toF+1GmWDzeDW5v89iqC0hIqPWmcS3OzJOkkaVPU0zeSOlTuudhJql64i"
    "VBJcue1hAuC9NVbEiWdQVLkk4g50ITMsXfZtYRKGsCmeVLZvnqindMZvmSWb5eX4jsqYeK"
    "47rIn/ORheB258WQab1aKlAm44+bjT8OdZJmjkh+iRUcQbi01eDjDGrFTrMErht9Z0pyRJ"
    "tNQ/Rb9AzWdaTM/i69U68b37sPm5DOIyx306+8myamW88XGLYXL8FL/+ioghOFtir0ovj3"
    "5Ik9sbd8VYISWczJFnXVs2QC2VubK7AValv1CmyliOTyu3kfnVA4X7iJFi+Ly2G2IlSKuz"
    "ZX2lpP8wbQFSujSRbZrEDsVMhlIu8ObweZTstTsn30k9sYfsuK8ZfjBQI+GVjnEAIHDkIa"
    "0n5k0Y2WbWpe4Dp2VpR9NDCzTQPc0CEZQ335JqjGbcAVcCizMQroBB0eBsGUQXVuVpTZyQ"
    "dj7vzpMjKzW3tfFgNd72BrTCFcdGbzAYQyOrNFcH2pUsfKsCaQEUCN2x6k63lnrmfphJRO"
    "yA4r+i92Qrap6X+2dBOm9cr0nVL93vPbVD5ZNcM6AhCE0eMgoKY69IGlUf34D2t+CCwyf3"
    "MI1AVSl8jPWUjhdSl0P1ItmnKXf8n1lXQqKOa0Nw1aLrJ5x6paflrDmnuxDiSoctlUVvdi"
    "XV4qmy1n7AsmSwBUDZyzdALi3XzJAocKsTpW4bC5VGl4dvYF7J+e1WHZmKItZhVplx8ul0"
    "rN6nIZMgHFgkycKt2wqXbbu2HNZ1I3aUiSRK4Lm7e6Pl6782N1Dd2q+9skW20fX+s5VBBh"
    "TtDZlqG1dxRoG8MqVrM9cSC2Gjbq8yjPCuBs8vGtS1dUsQCEFQmYk4w5yByAyWVij34QJp"
    "M1LUSw9gaYduiNO4g8bCBwt3CLHjTX+YRMyOgGQKIBv64aCOruOgDaKDINIKLaK8tlBoXB"
    "8PH7D9d3YbYWCKgCw2wHOmUg4DMRmNGH6aa59KxDYOmew6wKE2JAh9kd6E2DXqCvRpcHiw"
    "47coCzMJ8PgWMG19kv+o60a8s2fbsGYQlggIb8d6DvReh8oC2kT7GDPkXmZuHrwUPKV7lF"
    "JOei2a0yvGVyh971aDz6dXh/Gc23CaEazvv3l8Ekm5DBzd2I3oWaEUj5108DEQiCOjuUmK"
    "KRENEOWeOa3wSyZLVKfXd6hkzivAnnIMamtu83QyY9wI17gHdqfu6YDts202NNCVQyhaph"
    "eZDH6GuhzpIhFAHtMrPG8JdxOWevrRq3D/cfouZZdi9Cf4q1r/V8WVnKlvAXScLHoAUbhu"
    "0Aj2lFYPnM8ZYqmPeLMe/nMPe3fXWFS4pIBJR3LVgCAOsKlTSVFCgbBUoAWH1hkqUTgcV3"
    "UvcCb+WeyZDKHO7dSYSS98f4xbpeMNg8ejniXR5x6XctFqri+l1lnivRRp0z2TuW56pjQl"
    "zYCPOO4fw3ynLVNVFWKc2VCh26239CjKYprIZPQrFqRoiquIG8YAm0Hl1kCQoWy+zvKmxF"
    "fSlcrKNbcy40To43/QOpnAVDIpXeoSbLSW+PVKaEtYjCPUp8wdI07DqR4T5yV+Io2PZIxW"
    "fORGQpurIj27Ix1Rp0TJYvxYpy6HDdo0iYtR3nmECtIOIxjWt57KMSD2vlMMgoJJGd92Zh"
    "fSyAD8T9fEd/z1mxt4OJd47U2cQ77b9DrDDcFHIjH1/cHzcxZ1Q1Me5IJubsaCAhH9dXCB"
    "70+azXFr4t+2qkRbcY+v207VVKaBgvy/UyGmbp5JkaXl0IWdtY1jZ+fRvpxtrGfInQALBC"
    "6uhZeHOysEs5TgbIxuqix9H1wzulOj6M2zSa+F5q0l1McV+sTBfnuBfhZHr/9LRKCOXpaX"
    "EMJbuXyYFmWXUQDpsLiO5xpfTrxyXp14856deDNCp5hEuqfsYksrBAzaMdORVsl4vZt/8D"
    "1+R5Sg=="
)
