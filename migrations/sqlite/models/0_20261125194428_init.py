from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "departments" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "short_name" VARCHAR(32) NOT NULL,
    "phone" VARCHAR(32),
    "address" VARCHAR(128)
);
CREATE TABLE IF NOT EXISTS "bundles" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(32) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "definition" JSON NOT NULL,
    "version" INT NOT NULL,
    "active" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "lead_department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE
) /* 一件事: several services with one lead department and one merged materials list. */;
CREATE TABLE IF NOT EXISTS "enterprises" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "credit_code" VARCHAR(18) NOT NULL UNIQUE,
    "name" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMP NOT NULL
) /* A legal person found by its 统一社会信用代码 (GB 32100). */;
CREATE TABLE IF NOT EXISTS "services" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "code" VARCHAR(16) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "kind" VARCHAR(16) NOT NULL,
    "audience" VARCHAR(16) NOT NULL,
    "livelihood" INT NOT NULL,
    "online_level" SMALLINT NOT NULL,
    "channels" JSON NOT NULL,
    "id_only" INT NOT NULL,
    "hot_rank" SMALLINT,
    "guide" JSON NOT NULL,
    "version" INT NOT NULL,
    "active" INT NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE
) /* A service item (事项) with its current guide; every edit is also kept in ServiceVersion. */;
CREATE TABLE IF NOT EXISTS "staff_members" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "userid" VARCHAR(64) NOT NULL UNIQUE,
    "name" VARCHAR(64) NOT NULL,
    "roles" JSON NOT NULL,
    "active" INT NOT NULL,
    "department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE
) /* The staff directory (seeded; in production synced from DingTalk): who may sign in as staff, with which roles. */;
CREATE TABLE IF NOT EXISTS "users" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL /* CITIZEN: citizen\nSTAFF: staff\nADMIN: admin */,
    "openid" VARCHAR(64) UNIQUE,
    "ding_userid" VARCHAR(64) UNIQUE,
    "staff_roles" JSON NOT NULL,
    "name" VARCHAR(64),
    "id_number_enc" TEXT,
    "id_number_bidx" VARCHAR(64),
    "id_number_masked" VARCHAR(24),
    "phone_enc" TEXT,
    "phone_bidx" VARCHAR(64),
    "phone_masked" VARCHAR(16),
    "verified_at" TIMESTAMP,
    "face_verified_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "updated_at" TIMESTAMP NOT NULL,
    "department_id" INT REFERENCES "departments" ("id") ON DELETE CASCADE
) /* A person who signs in: a citizen (WeChat openid) or staff (DingTalk userid). */;
CREATE INDEX IF NOT EXISTS "idx_users_id_numb_cb1f02" ON "users" ("id_number_bidx");
CREATE INDEX IF NOT EXISTS "idx_users_phone_b_039d0e" ON "users" ("phone_bidx");
CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "actor_role" VARCHAR(16) NOT NULL,
    "subject_ref" VARCHAR(64),
    "fields_read" JSON NOT NULL,
    "purpose" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "actor_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "subject_id" INT REFERENCES "users" ("id") ON DELETE CASCADE
) /* Append-only record of every read of personal data: who read whose which fields, and why. */;
CREATE TABLE IF NOT EXISTS "service_versions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" INT NOT NULL,
    "guide" JSON NOT NULL,
    "note" VARCHAR(200),
    "created_at" TIMESTAMP NOT NULL,
    "edited_by_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "service_id" INT NOT NULL REFERENCES "services" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_service_ver_service_8d5705" UNIQUE ("service_id", "version")
);
CREATE TABLE IF NOT EXISTS "user_enterprises" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "role" VARCHAR(16) NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "enterprise_id" INT NOT NULL REFERENCES "enterprises" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_user_enterp_user_id_2f364d" UNIQUE ("user_id", "enterprise_id")
) /* A citizen acting as an enterprise's agent (经办人). */;
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSON NOT NULL
);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXftz4jgS/ldU/HJJVWYqkAdJ9uqqSMLMspvH1YSd3ZrNlkvYAnQYyetHMtxe/vdr+Y"
    "HfxCaGGK9+SbCktsWndutrqVv81ZpzjejWx56jUfuGT1oX6K8Ww3MCH1J1B6iFDSOsEQU2"
    "HuluYyxaKbrfbGTZJlZtqBhj3SJQpBFLNalhU85E855hEKZ94ExfIJOo3NQQHyPyRExxjd"
    "0rg5gWZ1hHGrbxBXqecq8KPlgE/lJ1isaU6Jp1gDAT5YuP4ukaV+HxlE02/SCH0T8doth8"
    "QuwpMeFxv/8BxZRp5DuxgktjprjCMWypJm7gliv2wnDLLulkwOxPblvxNUaKynVnzsL2xs"
    "KecrYUoMwWpRPCiIltIp5gm45Amzm67o9MMABeZ8MmXi8jMhoZY0cXYyakvQ6EZS1Fubsf"
    "Kg/9oaK0UuMZSESQ94tUzoQuQFctF4CJ6MKH807n6KjbOTw6PTs57nZPzg7PoK3b33RV98"
    "XrTIiWdysXs8Hnwd1QdIiDwnmqKApeXBkYTk/KHYwQfVBNbiomh/apUbiaYjN7DOJSibGA"
    "L5kciwD5VYMRFISjEb4w2xiOOf6u6IRN7Clctk9XIP219+Xqx96XvfbpfhzuO7+m41YJ4E"
    "OgLWf0H6LaiknGZZBOiK0Fta/V9UT69LgA0qfHuUiLqjjSnporwm6lkf7p4f4uG+mEWAJp"
    "jao2+h/SqZUyNDug3CsgFoCIO88t6089Cu3ebe+3JOpXN/eXLjjcsiemexf3BpeJITAcE5"
    "qUMikRkSbak85ZEYPSOcu3KKIujrIKugp4KNhOA30NNTadk2yw45JJVfdFPwYfdhF98Rrf"
    "A9Pxzd8K8IeD2/7DsHf779hbcN0b9kVNxy1dJEr3kpZ/eRP062D4IxKX6Nv9XT/5sizbDb"
    "+1RJ+wY3OF8WcFaxH+EZQGqMVG3Zt7s1hTLmWKirxOnHZgBvGoU6d93D0+Ozo9XjKmZckq"
    "ohSQovTcXArUuJCE1YNV0PzxLJ9qpgH+xE1CJ+xnsnBxHkCXMFOzJgLfC/vFIjvIel4C/Q"
    "lKwy6a+HnpF8XeVfju8I2J7U2dvYer3nW/laW5EtVXUI2/rNm4CtUdYXX2jE1NiemwqOEd"
    "nihZtk1XzTvzZAlmeOLiI76I6LaP+6XDNBfZ1GqDX3Owaq1h5Laxiq00PDrH5PBQ/B2fir"
    "9nowtkCf8f/H0Y/SeqEgs9U3uKOCNIF36/Rgxs2nPCbNfdF+VzYsIXQXPQEZPCg1xOnF5t"
    "2PTDKl5x+LssN7xxzsxfSFBBOcvw/aB9NWT/faGNUf2jTgGmf9TJJfqiKk5P3P8loA3aN9"
    "CPqn61ADpMGXV7lYI4f7EgLiXXCt6wVgBTgpWJfq5JjkisRbvXQrxda7scY9n0KcNcXHIO"
    "kyzLdRB9oQSgI5DaFKKBid6uDl/e39/EdPhykFg0v/vl9rL/Za/tKjQ0ojbJhtoxtDXXX+"
    "KScv2lLusvAUaRBRi/9+GoC6qqhFS13KJBtvD2rFjNCeaK1YMEchV4vNexm+0Y2kUd32yF"
    "q5MDHBmGDCc4Pkj5jnD4FYs5w/lAS8dSOpZ1gVY6lrvrWFpTbtpKWYjjUg0EunotNgCicl"
    "vNgUDzoimqRxeIMXBnqwy+EZHmIVzZTn6K6+bTr3A0Iuv9CffeF/z08xei45yFqdTGwo5Z"
    "kjzSG7e7/ubC2zB68O7SVJA0ahKx0bh4I0o2Ho9vyXxUaO9wJ5GyxFdUHNCqN2pUszZYXz"
    "bpEvaZTUzDpFbmvmik9mCVS0iW7Qruj/aQTiZY94Og0ZiDnUSjBaK2hR6dLtHGwaZm9/yI"
    "wOdxG4u/pA0lJ50zUUuO4PPZYRvtfb6E2bh9eLifEYm9wQdJ97Vm7qtJRDpAaS82LtY4Z7"
    "ZdiEWtIFGpaEjpzMpoU7nbUUW06VqeCczkzFZ0ymYV8KT4FL9j2vAulCnwVzL4UsSVySdL"
    "Ua+pCFPy2wNlIXO05wV4PTrnZ93zfS+qS3AZ1TFNEc01cahGfvBTzcS8hqiF4M4czYgBFw"
    "z5ffzq7exnMabNP1Ayp5oxJ7nwv6lkNMmVNrjwP4PvVQbcoH0Dwa1ec0VyNfG39QuvR0dk"
    "tgdyS6U2/S9hrR1FWqdPRKdTzrPys1cFk8UFZUBZ8YAyzoA/ExhUADAN+sMc63ouq0jKNi"
    "mm6KjTPV2yC3Gxilg83PZubtLYqlPMmM96i0b5RmW2H+Pb+ufYYaqADI0cqtuUWR/F8/61"
    "KYuy7chfCj6PcJrLmZeI1BZty7JkZ43LlNuKidmsrGGJyjUoy7EKm+K6mWUMylJAZgzIjA"
    "GZMfC3I3gyYyBfq3dzDb1IxsC6yQIyT2CNPAGZIlA2ReDN2QGpmbma2Kuv4aTdEOS3sQMU"
    "oJa/ERTB9dX9ICU6otUmVfwePEPcOiBof8gdl3fccdkRYl17hKWH+M4eIuN2uf0tv33zwt"
    "U7h4cFNgagVe7OgFsnQ4Ga7cYUOXhOxFHA0I0W5byYpFiD1hCrO4DOZ1vlDqCLCcnp93Xf"
    "MEI43+gYNi895CB5YlpMu14/iW75mleAbrNSJZLIJg1inZLxowk9WR5kPN9nhfvoZs3M3Z"
    "YFYwqHU4JcMbRMTkJ7FiEa0X4QEXuGyTXH2w61FqA+GhqbfI6uYUiGWJ/te6fVz/ECWaBs"
    "QgJb3g0PvABB7/R6cWi5lQ4w3PrTZbRhvXxfkeGVBWy+0xBKNC7isPqgOBlxuEFwXatSZp"
    "VhKSCjWipfe5DbqVvbTpUba3JjrcZEv9bHbrk+VgbFD3yvfG6/zIUvkifkpzgLciyIsQXM"
    "+AJh5MdGo71fCXAAG3GDMKrtI276LHwvYNbIo1mZWdTV3fyRPbLBtXvstHs6DKDlui4Im8"
    "IvAPXWEGGquTBAS9Fer//w4fPVrZ95hNGMLKB4pINCIlcp0RgepnM+c4wDZOiOhYDkP7I5"
    "tmbCdeDmHAqgazCPGKBGBHyFKX8+QBb3ysUV9BFuDY7HmOrQIZHMhDTi9gH6xeC9ghbSl6"
    "ihL5H/c1p90KuUiUxRs+0S3zUTFVpXg+HgW//uInjfHtnDsPfp04X3kj2y3vXtAGqxNqcs"
    "+fK+T0qDZwjKuCGhRCVbQ4128TR4uFLejU6ISZxfw9lbWyvt8yXEpOdX/a7zNtc4arb4vW"
    "mlp5riUTIFaFga5CH5nstZEoJNQHvVrnL/t+FqzV5uKt/c330OmifVPQ/9EdW+l9HxtOSG"
    "8G+ShQ9B8xyG9QAPZZug8omwliKYd/Ix76Qwd92+ssYlJtQElLdtWDwAyxqVuJQ0KK8aFA"
    "+w8sYkKdcEFd+0k/kEngzcbJ3ouIRoBeFxNcN+R6LhMpJ60uFwY+yFx6872FnycsTrPOIy"
    "7DXfqDY37FXmbDZt1Oufs1kzI97YneWa4fwOGZvibCxbEe/xG5M2e+JGN3zSHNRT547ZSu"
    "7PbUukUrkMIsx524nAu4hXeEy9PD33vXKnE6jlhMUU/eEBsZmprPHrA0HciggGFLEfIsoD"
    "hff5B1yLQ5bF6bddoo4fnZPOufh1ADLCmeExb75fZta24wcIhTeSWds1jTbJD/5dezFvvZ"
    "1fV882tc276QU96fbnQ7+bDmChbNdwWi6X7pqUk7HFWQdhiSmyFK4RCYno6z51MEtvJxOz"
    "buAWdaQjSlUgwzVG/94IbCM5ehLelC2sUwB8j5hUnbYyuL5fs5Lj47CN/KnpXbKZq5h07v"
    "lH+WQ6/wCkJqQqdk5OisTZnJzkB9qIukSCHLxUJRD2mzcQ3Xahs3naK87maWeczcPB6Gat"
    "pK845jwUkadOlYz/TVGwbU5mL/8HjViu6g=="
)
