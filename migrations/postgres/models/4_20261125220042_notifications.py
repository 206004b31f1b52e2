from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "dingtalk_callbacks" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "signature" VARCHAR(64) NOT NULL UNIQUE,
    "event_type" VARCHAR(48) NOT NULL,
    "body" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "dingtalk_callbacks" IS 'Each accepted DingTalk callback, by its signature: a replay of the same signed request is refused.';
        CREATE TABLE IF NOT EXISTS "notification_deliveries" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "event_id" BIGINT NOT NULL,
    "kind" VARCHAR(48) NOT NULL,
    "channel" VARCHAR(24) NOT NULL,
    "recipient" VARCHAR(96) NOT NULL,
    "dedup_key" VARCHAR(200) NOT NULL UNIQUE,
    "user_id" INT,
    "message" JSONB NOT NULL,
    "important" BOOL NOT NULL,
    "status" VARCHAR(12) NOT NULL,
    "attempts" INT NOT NULL,
    "next_attempt_at" TIMESTAMPTZ NOT NULL,
    "last_error" VARCHAR(255),
    "created_at" TIMESTAMPTZ NOT NULL,
    "sent_at" TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS "idx_notificatio_event_i_78d72d" ON "notification_deliveries" ("event_id");
CREATE INDEX IF NOT EXISTS "idx_notificatio_next_at_e91cc7" ON "notification_deliveries" ("next_attempt_at");
CREATE INDEX IF NOT EXISTS "idx_notificatio_status_5a1375" ON "notification_deliveries" ("status", "next_attempt_at");
COMMENT ON COLUMN "notification_deliveries"."status" IS 'PENDING: pending\nSENT: sent\nSKIPPED: skipped\nFAILED: failed\nDEAD: dead';
COMMENT ON TABLE "notification_deliveries" IS 'One message to one recipient on one channel, derived from one outbox event. `dedup_key` is unique: the';
        CREATE TABLE IF NOT EXISTS "dingtalk_approvals" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "process_code" VARCHAR(64) NOT NULL,
    "instance_id" VARCHAR(64) NOT NULL UNIQUE,
    "approvers" JSONB NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "decided_by" VARCHAR(64),
    "created_at" TIMESTAMPTZ NOT NULL,
    "decided_at" TIMESTAMPTZ,
    "step_id" INT NOT NULL UNIQUE REFERENCES "application_steps" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "dingtalk_approvals" IS 'A DingTalk approval (OA审批) instance created for one workflow step; its callback decides the step.';
        CREATE TABLE IF NOT EXISTS "inbox_messages" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "dedup_key" VARCHAR(200) NOT NULL UNIQUE,
    "kind" VARCHAR(48) NOT NULL,
    "title" VARCHAR(64) NOT NULL,
    "body" VARCHAR(500) NOT NULL,
    "link" VARCHAR(200),
    "created_at" TIMESTAMPTZ NOT NULL,
    "read_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_inbox_messa_user_id_40a6a8" ON "inbox_messages" ("user_id", "read_at");
COMMENT ON TABLE "inbox_messages" IS 'The in-app inbox (消息中心): written by the dispatcher in the event''s own planning transaction.';
        CREATE TABLE IF NOT EXISTS "subscription_quotas" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "template_id" VARCHAR(64) NOT NULL,
    "remaining" INT NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_subscriptio_user_id_84f9d5" UNIQUE ("user_id", "template_id")
);
COMMENT ON TABLE "subscription_quotas" IS 'A citizen''s one-time subscribe-message consents for one template (wx.requestSubscribeMessage \"accept\"';"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "notification_deliveries";
        DROP TABLE IF EXISTS "inbox_messages";
        DROP TABLE IF EXISTS "subscription_quotas";
        DROP TABLE IF EXISTS "dingtalk_approvals";
        DROP TABLE IF EXISTS "dingtalk_callbacks";"""


MODELS_STATE = (
    "eJztXWtT47ia/isqvgxdS3dBIEDTW1sVIN0n53BbSM9MncmpHMVWiAdH9vgCnd2d/76SfI"
    "kvsmMldnA0+hKIrVd2Ht3e+/u/e3NLR6b7qWfbpqFBz7Dw3gX43z0M54j8w7t9APagbS9v"
    "0gsenJisPVw2ZDfgxPUcqHnk3hSaLiKXdORqjmGHj9rrAQ26COyP/G7nMxr5J2h6+uECWB"
    "gBqGnI9iDWEMD+fIIccsWxXBegV+QsgI5s6HhzhD0AsQ60GcQYmZ/oY3VLI8818HNjT/Cx"
    "8YePxp71jLwZcshzfvst+vXYoy0MHc1ty0NYW4xf0GLvX/+iF7GOfiCXNqdf7Zfx1ECmns"
    "Lc0Ck5uz72Fja7NsDeV9aQ/rjJWLNMf46Xje2FN7Nw3NoI3uAZYeRAD9HuPcen4GPfNMOx"
    "isYj+CXLJsErJmh0NIW+SYeQUgcvsLy2Nx7f3Q/HT/3heLyXG96IIjEe4SWNzBAyNciruu"
    "zXP9NX+Ng5Ojk7OT8+PTknTdhrxlfO/gwevQQmIGTw3A33/mT3oQeDFgzjJajLkR5jK4/v"
    "1Qw6fIBzhBmsyY/IYh0h216w5/DH2ET42ZuRr8edEmR/7j1e/a33uH/c+UAfaJHFHKz0u/"
    "BOh92i4C/Bdv3J70jzCIo6EsE6S1cP1NGFJdbLrUgisNn3NcCO6CQE+/SkAtinJ4Vg01sZ"
    "sD3o+S4f5j45QhjUA/JKdMPIQx5Tbw9sOs5zw6OdimG+9/T98nYwHPavL0Dcxwj3rq76D+"
    "xisDPSa4/9v/ev2DUH0TlFrz19f3i46d/274aUnByMiJ6jIzy4Gz/2fx70f7kABh476NVA"
    "b6TXh4fH+59Zr7btWK+0h+v+3YBe0RE26PfB09N3+t1wXT+4fzP4uf8YNDENcmLTq1f3Nz"
    "fhyxDgzfBt6IgOgv4dbUba6lk2ocp8OjqtMJ+OTgvnE72Vnk8Ocv05GpdNK/7qzRGuNaPC"
    "Q6edq7d+tKeWM8+D/Pen+zs+yFH7DLa6oXng/4BpuDk2q7ZV+59TH2sUPzDxDdMzsPuJPv"
    "a/BBdxZehLoKb40J7nrvuHmYR4/7b3axb9q5v7SwaZ5XrPDuuFdXCZGQqI3TfkcKZ88Wgk"
    "SNSA1D4g9PEokBuqDkiCRA1I7QOyPDTHhofmQkuFR9uOIaLPk2aIsiK+wPnNIZXvBK+f/w"
    "5VMCJIJ0i2yHXPrYlhoqYmetOMEtXZvYw96wVhEagzZNJpSuqfzwFiRAoimHHUfpeWZSKI"
    "y9BO0GbwnhDipuZ3fGW7u/jl/f1Nahe/HAwzYH+/veyT2c7GgDQix99eQkG4RJ5ImXPDRf"
    "pYhwvO2VqocM3Rrda97oLepBb16xJd3UdjyGEmrwkknjFHfGyXVFlmJST7FP2zeydjCXzD"
    "wW3/adi7fUhN7evesE/vdNjVRebqfnY7jzsBvwyGfwP0K/jn/V0/y8fE7Yb/3KPvBH3PGm"
    "PrbQz1JCbR5ehSeu1An64AB83JzyM/WngNFdGvtZZaNtB1L6VY97bGgsrS1rCsWrdzOQjq"
    "99hchDNhR9ZZOGlLl1mkYF1j4DOkajtt83Y6JZugO1trnDOkapzbPM6+TcdhnWFOU6pdvM"
    "XDHr79ctRfkeOGfjMV2aMExfaEi6MdYYdiH5uxkJ9MlkxJbRxsJz7WTSQGbIpG8e95UBH2"
    "kGM7hisIbI5OgZsH1yTHxnjppieGMJ9Y7Qw8IRQ5r4YmOIPTRGr6BrBSv8/pC99JMek/mg"
    "b5q+Ug4xn/Ay1yLkYZYEOX3e8E/R2cuH9Gkyi6upwEDnyLvWVz5zkBgPxsFGh7r3pPV73r"
    "/l7BPlwDuv1UZ7s1iatCnDuAVmMcrvgaAH5a9iQnuunNcTW0AZ9VA7KXcUdyAptiSFfjmm"
    "ECagD4OtWZpPsvn3fiw01PvAnUXt6go48Ljj70iugb5NC/DOm+/uMRmXEACh/4RJRK/1Uu"
    "+FNTdk5+j2NAsz64bsMeZUXM9ZBdH1pPpDdZkbLhgr7+hmA9BL3Ic8iwPczqWIm9K7Wr5W"
    "/NO/PsFYjhM/tJ9Nn0SUX7VnkEXry3VQrDGy931tXBeMMZog74COsfLWwuANUmmwZGwJoC"
    "yMLoLsLQuMDxnIXEPSMWHUfXGNCRZlDdZT4Kr96uOeF3m4TXXRrPf5UIu8+dzvHxWefw+P"
    "S8e3J21j0/jIXY/K0yafZy8I0KtAdJtXqFODxxU6ayebTK5lHNcu1ZztixeAJLWahlkkrC"
    "eLT6HTVfyO8SgThqLyG4nSrOmZ1i58xOzjlz6ljzNUKzMmTyuXU34G9srYFzikihvBplyk"
    "aJxikkaeTDuP5obGx5nDNviH4UcJdRexmwLWNg+r8OU7xLLvwm5l9u7u++Rc2zMTl/crgM"
    "MTeABIkySBV6VzDBcR3/igShsqPy/OLXNFXXY6WWcPKutqZGmqoNtfqZFEg7No8FzaqJZb"
    "zagsL21O1ZrFs2iSsjmzh5VmP6fgapHYV3Y1PUlhS8saWlXMebNMhUU/OmjEIrNb3F+Nes"
    "Wf2rqFUbS1wmmtZJ4nROR4eHVUTiw8NimZjey2bg+cM3HOHg2yTZFuNuo5m9s2G3ruU7PA"
    "ehEg1ETCHjlK5dyUM3Ehdx2IZihBMkMqghGk+4R4Bk0atToWmcopIP56POeZWp3Dkvnsv0"
    "Hhdq15/PocPRW5ZkwMlRbpT/pmXQbz0XkbBy/l1SHTpIQ3Fuvx3cuzUHrRkgmKZUxvKdMp"
    "YrnWujOlffNi2oc6Et3r9SRPKd1vVwRUr5KnJaN6J8DeZpHdrXuKPdmtdVwU0t6JYqB5lj"
    "cbliMPI9rqYUjP2eV7t+3mOUrHfAXC5j18yfXPBmOS9T03oD+xBc975dgJHfRWenI//8sH"
    "sC/gPQugrHneDrh7z7Z/3dl1VgiDYKVXfhvdWXgu4mm3iatG3bb9zVRGmGm0vMCKce4hg1"
    "S7JTRwQqz27t6gfDHZNHwxfOdC9V0qfoVHZMETX97tW5eIOGR4ETw33vl95gOLgjDEdIP8"
    "L3D/27C2DZCBdXsahSr+Kqd3fVv7lhlSgoTKaJWlJ1gv62tdRMKUKVbKw9WafyWiWVgVXq"
    "0UWaoa+1hNOUapTbPsr83HElxtwEjXx6ywZsLtac72ZX7LOfIJEB4W277auEiHvKZb/tGq"
    "38UTtZiLrsZ+iUy37b4iFknLrKJidy6DVik1PZpBry3udvy3UYP6UOPcmdRI2aPxNDRF7e"
    "g+bLONCRQU7Zriip0D1GQ4t8VMrDxPpKDqocw/anuOE4jQTfcpxDq9h0nBuwirbjHrgmlE"
    "NCCSJKsH/fG/ndCTwa+aeds88fgBG+Agh91cDUcoCF0dL0S43CX4DhuUCDpkmnFwimrgu8"
    "GWK384blLT9bhce0y75MRlxDritcaj5Lp4yiFYyi0TIS9KXLkKmygKutz4FRSbA+cpJIWa"
    "Frt0LvihO8j7G4HbQ1+tgyvr5c672kkkEr23glXRVr8BeMNVB2w7+C3ZAl7RIr1bGkqEeT"
    "uvNCR06PKqIeSQ9FfhwidYe4qnXd3NPvOh5VFVWJWVhBRbWZ172vG96N9bzHU5pE9w5K/e"
    "xpq7EZNlutI0nkPnaQZjk69X8PMh7T84Z+swnzbmFoAiruXoC3mRXcIv+4iHwa2gwEv++A"
    "5UV+my04CpEGH6TSLu9q2mWVkHdLOTb9ye9I84SzA6TJlACzWoAJpvmY7lsiWpIM2fb1JO"
    "/DwzaiEbF9hzQR07suSWTcT5pIgqEk9WL05ZXUVXLb+otYhoesmGScIlKwrvYyUulAa08H"
    "Gk5CheoqBUJqsbYpyj+susjRNizrMRbrGoKahhW9MWio/OEh/Zye0s/zyQVwqfxP5P2w6q"
    "QL3gxvxjwgaCG/ZGQ+Fffp9TlyyA8BcVpRxhPntQ1NP0z5W7TL30LUz6Je/4oWGf1VPP9O"
    "aQvICxvY4Ls+FysL0lRKV7CBrkBF/dSwL6e4bONVNB/CkkilLK6eC8G39TX1L2lKpX9pi/"
    "6FY0TPFcLlF7iuuHXxiVWM0mrtgSrH3opy7Imwp/rqZsujd2i0HPRVGIBQWAs63eCgUkRH"
    "FNVQUYfQh9oMQE1DNo2WiCMsol4OwGTBgiVcshSh5zvoAkDgINuEC+pfwEImyEuz+6QDWi"
    "0BuR4wXPLv1HeRntckbOeRSp/QLn1CPJpC1vIkkXSahfqFX1YCPkBIAOU0lYRahpMqxtqT"
    "YlvtSc5UO7F0oSoFUft2RGvQx0oTrRHVAlhDbMuQKrmtLXJbkd18I1/dGhk3y8ce4ynyLF"
    "t4q5RZ04JGVYNuPWtuaCAiAvuUA9KhYS5CLoqKRR+xP58gB7iUGyLfOZmZN+hnA2bqPfMC"
    "S3jWFzNYr9D0eXrCEtfbmGR7CovDZtnXLXjftmQPukamQV29eZtQfK90F8KWZ0yjlCd6QG"
    "JUtT3fM2Ou65KXA57FbLvkNDVsg1p7Ca9BL2gziDEig6WTjl9pML5jzdkdy/cm1g/AGM9P"
    "4N860n1WfP7fVIoL5tMFFfRye9h2HjvCuuHa0NPIXkdTCiDHC23b93fgivB4N4OrIbi+B2"
    "Tm/m1w9+0AuFYgobKITABx8AyAqYEckDPNJSKsi8icpVbxYHAqbqy/JYJLMfrhEV7FQ3Ob"
    "/g0y3isn/NY54QcClegYJKma2pBlHYsEv0F+rBDDEbZXYm8FsTfcWkXwTZBICHGnClvXKW"
    "brOjkVTnyciYCcIpIQ5s9Vwnc+F4fvfOZkHwjPfhGYU0TSiSidSlWXOyVVlzv5qss+YZ7E"
    "TKoJCuWEnT/fQu5XRPmYIFH6x9r1j8bcthwP8jbs8polSTpVs0TumiU0UnuNmiUP/btrVr"
    "MkpB/hp6BCCatN8vSPwcMDrTrivhi2TSuRfO0NWBmSKTTMoFJJj9UpgevVI6ni+XpU7Pl6"
    "lPN8DWVXztgVxzolSKRRU9V2GmQ1Ajlcyw0gHPLtGEHeISlF220eHF+1fLCgCV1vjByHF3"
    "hVzLemqeSLOe90u1U41263mHOl91Q07l/TqpjiLagOTnzIE2QqY1bbNtDWWGxi/1SuzSbp"
    "vVri6Be3q2apKR5l5SHXLg85FXGnIu52xxEhcWTOLMcbi0KcppIQ6PpnsU0gEsvBExHIx/"
    "LXjy5hIgifIZT2OUEiH8K1pTgSYL+S4UH6+L1iU9q2rxQGp6TEVeiiMXMhqA+rOO5kt+Zx"
    "JbxoCtL6kFo3W+suIJXISbI+VsvkJzJCZMMFff0NMXoIepEVpChLzGYgPQW9yAqSbjiIZo"
    "zi+CUIoeTB6fQWUVduWZFy6U8cU2+BDWeUXJmyGo1Y7dPIAdsxXLTHUWEl7h6UqbBQ3K5y"
    "2TETPUMzzGYNphY5TKIo0ZF/hvRplJ3q7PMxIv9PjyD9REfkSrdzTu+iY/L/+eER2P92Sa"
    "SHo8NDXohEgw9S6raWqdscRPO6C2vd0mTSKd+OKkl9JUJfzmlUKd9U2mBlqNxy+KPK8LEO"
    "T0m4HuyNTQO/1MBTptmhHVs578JefoUaekKuG7xrjr9M3i5lMKek4dgNWlZmMX9B5EjyAK"
    "UFNBIuCo0D+yO/2zk+G/nnR8fnH8AM0qIr0+kFsHyHhpSRJ/1BlimYQ+qER8PSgq5+coN+"
    "aDFmHqvZ/AMVy9kuljMeHRF2KEUkH7vZBEe0XCMiQKeppEO6AcPvbtRJXc/3et35XHuhoX"
    "D9O4jD3pelVE0QqTiavOc0+mEbhBtfQ2pKU0ooNe2IlFTJYVoJx8UrSi7hOF0yDBvubK1h"
    "z5Aqb942r+7tR5e2bhE3m6XXD21jaXSbKkbTNnCLlCAHmaS8iUnVplI0AzyxftyGwb8cfU"
    "rq/kGZQsWgLcdhHHFFjcpwhoCBP5JOASOnao1T/fycfB6eMjtaRx/53al2/OECvDmG5yFM"
    "bW0sK1ky/Q67wjybfnKB9YZBnGeHvAF2IQsuzitY3uH5VbL5RCuKHr4qh897540p1tWoBB"
    "HbSRCh8vU0mK/HMzxTyPYaE0gIb/0KMH4W4GJ0C7IAywBut9Le0C3ZG7r5vYEa4kTwjdrL"
    "54zfyNardCPF6MurG4kYT8EhT5ApnYjSibR68SqdiNKJFOhEbpD+zFxz+JmTk7cPyjQiJm"
    "s4RqRl5ZzJPZuaIj9a5FihWYstR6f1bGiK4AWYWxjRz1dEQ/u/ANefuwCab3BB/pDtAQX5"
    "h6kqgtAhx+V4lNTefc3+I0p5sS3lhRKqGzTIwzmtoDCeIpEap2kidcxyLfIecjA0Bf2jMm"
    "TSad3qV1tYmuY7zlqCX4ZUQslPJlFACfjFa0xeAZ8xcGISYJJEnU2rRUCGVw0y4ANcUH78"
    "Pupux1CuKgsmp1ebhMF7Vg+msPxq8vZBmTAY1JVJZN+oEm+gW3MCWVgoJrI/h9ZmVt+Ucv"
    "cT6KKkmRlAlzWgVRWeETA8EPQ7QbSe17IdNPPiYdNPHOEAhw+fALW9J8sLueDNcl6QA+iu"
    "S0vtxAZ2HTjWm0vfwtAD0RPAZZEc9uj5F/DvZXtyJNFyPSPsIlrxR0OhhBuV1UlX/YlN92"
    "BGfscEodB6T+7vI1qHNiZ7Qch2WaAvNfEzQy65tmgkdlcJwkoQlsC6DJ8J1/JM8BBBOEUk"
    "Icz1i2s2XJgW5Ezj4ooPCRJV8SHFttdR8UGJVcVrQV6xKsWCiA58jngrNlSVZX/nkkRHOc"
    "A44kgiPVixKJLMRLZaCnmy5oShZSUrgWZ4xv8Q/th6o5z9yO+izycj/2x6TD5PJzTbzefz"
    "s88fLlglS5aDC0wRoiYmQgtp75DKDVPC84Opgel3IgJQF1ps4Y8e/AHCd8tbrt7vNTiM/W"
    "8xE+igaeCeqwKm3ylgWrHvjVYanIpgGzaXENr6WfbkawlAnCGTEOpGwv0ND805YejF4lFM"
    "0A7hiD5PGuFIWcebsY4TJmdM561wwrocoYTbSv3Z4HewxqCPbWjogvvI3ve7h97g+gIE1C"
    "McfAv+f+x//X53TQsKksPfJ88m1656d1f9G1ZlUKO/3TTResUFa/fLUWqZYujlVcvQmbrG"
    "kCfIlDt723QxKX5imXRQzKchT6jS4OTZimU5MTF0c3SKaeOga8OFqCtOkkRhutoVh+GVx1"
    "eFY6RdcJLTiu+Cw98VakA2XdlQUnxz++FqkGE6ne6GKEuZnDeLcv5MF3Uny/jwbV6xRUb/"
    "vUaT/IaYFXrdpe4frLB1sQUn5ncXpNpF+gHQkeYsbDJaUSpe8uiU29oBcD2yDvXAzyysA2"
    "HoYIKm5DL1hTNcwOYk4mb4bfJRyiVtR13S2GwVjXF5LWS0VYBL3vwSwMUQEgY5opJQS1q/"
    "ByCR8y3f0TgwFxtfkjTbt7+8j9alEUuLgzREPZ3XSuaQIlUaz7aoxKpoPEMugHOGW5aJIC"
    "5RhyHeCTIhZE2NcHxlu+vt8v7+JjWal4PMOX33/fay/7h/xIaRNDK8xPHdHl+wpXRRzCnH"
    "0sdqTnkp86zmlO8xAtDz0Nz2aIkJ0gWAke8U8GaO5T/Pktzs/t+feg8DTlG1TTpSFSza5Z"
    "BFaySQx+lojdoKSTrpmNgG6pErR4pGdPI7aNlfr4LF3kP/7npw9+0ChPRp4z5hM5+YFd+0"
    "XGrY/9obMKv+FBqtMenbDiIHhaCwnCKSLxVg/eJyIopTEOo8ZS14t2hfrx/tyJVGcGfPkm"
    "1vbz/ckY1dVXQphHpHpN9KDiHKzat4Rcmr9FBuXnKvaprsgWsILytx5vKNsw2ehUc7chaG"
    "6hVh16MEkRIelUPXOzl0RWGuG7rEJAJmdwxiAa+uxIpd7XKknOVqcpar4mAUpAjmmGkEHI"
    "wy+YglwZsjD2/oiPXIOpEJIiHDUsYobHP45AjNe4yGFvmogmnc1U7yxXxMBexvEQAc01sC"
    "m2KrWzgWVT3TMCD7jOY5FjY0ENLSDAifz7po5J/BQ/J52j0+Hfndo9MuudI9Jp/dSfeQ/P"
    "/5lBY2Oz5FwPUWJvpwAFyyo1N/sldaxMxzabQW7RmagDoTcNzVtv98Zd1rl3UP+/MJ78Qq"
    "VgAvKZRFb6VFb9cSeUnkK0U3I+j5DkesGKIfBdtGikgKf8AyjVH/12E57LHC6Ob+7lvUPD"
    "sWmeJ+SNR4t6SQAvCmtxSlDC+GXl5leCsyfO88J7SRl9/KXOCRnFVdV7VRJNG7jkZVvYpg"
    "HvCNnCeJhGZhzTANJuU+IttyiiS5fLuDFWJdgmLsMJJqQl4xokoUapcoNDFMc6xzcxvTc5"
    "UPboqo7EjdweO0BE16JGb5bX8+hw6nOG6xqJMgUaLOBqKObkynyEHktBHKiZYhU0OgEkQr"
    "rnwlV96SSJHQ/MFlbyLDSBlDE1tgFAcjDQdDQy6CkV0jViNFKJ1qt36nXhWs0Yy/DTktXL"
    "EcuksKCRWI54cVJu75YeHEpbd2PxrGsQiT6q4TEPN4f9V/egpiYuJeRvjp+xW9fgFcX6MX"
    "88Exvcu7+8fb3s0FgBNsOfN8fa0qw1d/gEy4T4vp2FNEKmBj1d6uuPli6OXi5tMaDLIVIH"
    "2tcc/SKtfzNruet8Ka8t4LuXa+jfwsl+59E74FuCTOLUep8raqgrTbNkQVTeYaMK7oPN2y"
    "CVwVWs76bVPJ36egZtQeR1UW3Too05WFNacqZxuMalTRCgzUmfIEnU/CElbgzfBmgWuk7z"
    "i0Ru2zb+joS1jQFulh0j/TtcALsj1aJDd8x5+D2CdezsHmH6gUfe1S9IkWBKm3DkiLRL/6"
    "xWv2VwDaqL2Eqqf65WpV3K3BmQt93UCYl5mxpDRzgmaL+ryw4qOgMq81SNP68aYxsyzRjH"
    "xpwi0m5Yt26J3KyZeS2LFpYEQGlQCYB/1pDk2zWHTP0Mokvh93zk5j7oJ+KWMsnm57Nzd5"
    "bLUZxDjkeqv6jiRpVEm91CSvw53EIDIP1bGKbS8JKpXwU2BzmVne2IH4RXRjSdJJpLGqY0"
    "9hYqbIhhITKDe0DfYNlVNlr06dNs1z98qZxuVpl2MixeBV34N9W1/T5JqmVCbXFlvicpkg"
    "VC26LVqMVImvhkp8VUkNk6hjtWHiEynLfvG4mA1xStsxJJqljdbqyqBWbDRL4LrSdjZOjm"
    "i9Due/Rc+gXUfM7L+UdeodrVM7IoS0HmElTb+zNI0tXjBoiS3Q4saBrudg+95TOGVD6RxW"
    "cUMnrQqtKOye8rKVW+Sr4mVLfU7WcBLMkkmkb62vzknIbQkBmyZSx+9qOTrBcG4oRCf8z3"
    "YM4qoSdHp2rXa8jJd5DejK7XWZ3RBb5XLpwen0FrFEgTwJMnH7oFR8pA3Hc9ayov/lcEbz"
    "URIyoBsO0jzLWYB9l4VmfKHejbZj6X5gOnYXZProYOpYc3BNhmQIzZcPF+BtZoE5XLBslp"
    "QCukGHB4Ez5dvM0GbAsUzk5p0xt/505ZnZLtnXJ3uOWGjekkI678z6HQiVd2aTZaroriKi"
    "ZYgJlAdQ7boHZXremulZGSGVEbLFjP7GRshGOX1/Ev/4//YtD+7x+P1co3KuP9F8/AdtXz"
    "n2KnQs/8kFFkYfqfIPhL1N0Mc5cl3yKwBFnKDpgqnl0HaAFqo2ycQB+28/PoXRbE8R2W1I"
    "NSK7q4Zsb7SX4/q39NwRhrrOnvAFIKjFFbRJpzogbCS7VVhE+zfGaTKgw8fS6aQsZe8pLS"
    "RHQoCrzZAp5rZSDdY5eVaYQabiNE7RqOqrymVPdvtNFZc9eoqI8ckJCsUhr+aQo2N6O9rv"
    "toFblStOTKo28cPfbVa8hcMEh3dKOV+ftanM7U4NEwEYMZ8goEY62Lf16QH43X4+ADZ+/n"
    "AAtBnSXsiNyYIyoR5hQr8A1yMzil3ymNKabCaE24Q6tD3k8NIMNPy0mjXZxdyTpMrWuiqN"
    "lNSKUsrXOKa4c14lqLhzXhxVTO9l/GGCxRIAJYBzlk5CvOsvo+OSTUzESyJsrhgYnt/JDH"
    "a6pyJTdknR1GSVyeoVHpfjF8RxiygBOU0m4bbQzDas3BIlE2srFdh6w8IpIRMk6lyokLGQ"
    "4qUk25WZChPTav14MyIf62ODE4SxZqjZLQHaMWAVK/KOONQ1GkbF5ihPC+Cu8nmjio3KGg"
    "CbtLUwcxqjDmMuMPBFQkbfDy1Elo2woX8AlhN6p+1HHmcgcD/6wBP46+t8hEd4cA0g1oE9"
    "o5avoIiwC6CDItUAwpqzsD2qUOj1nz5+u7oNsxdCQBgYqjswyQQCbBIxC5ppWS++fQBs03"
    "epVmGE59Clegdyc04ukFcjx4NNjW4ucGfW2wFwreA6/UbekXRtOxbTa2CaEBHoiL0DeS9M"
    "1gNpoXzsWmg1o25HfD54dfmCiLb1yc72rgbDwT/7dxfRehthwuF8/XoRLLIR7l3fDshdqM"
    "+DXf7906IFG4GIhLKkUDUJ0ujmhUCdPHws7l6aIVM4r8I58DkX9oXMkCmPyJTcV0s05jbV"
    "zy3jYZue9IY+DliyMWHD8iAP0Y9CniVDKAPaZWqN/q/D8pkdazVu7u++Rc2z070I/Ymh/x"
    "CzZWUpG8Jfph1+CVogMKwH+JJWhimfCfeugnmnGPNODnMm9oluLikiGVDe9sYSACi6qaSp"
    "1IayckMJABPfTLJ0MkzxpoXMVyLJkM7WMc9kSFWJrvZ4GebtMVMYpI1ad7B59GrE2zziyu"
    "5avKnKa3dVTuSyjXoVJ/L3Dbls2SYubcRly3DeWsDl+2d9bdtWVmiDTzEA0CXS/isNkawN"
    "q/6rVFM1s4lqRg15chNoPXnIlhQsWunKG9MTdVO4aEc31rPUOLn+5HekcQ4MhVRaQnWRW8"
    "MS/Eq6egp6knVzN/DE4mghRVAa0C7CsHhZYbLhgr7+hvPpIehFYpAYd8ZqOm8OlYzlrzOx"
    "71Mf6+44LtS8GWSPrDtJd/UoYSVNr7jtAgQ7iRc/WcsGqPGSxci4KhPBvuujtYwqlhEisj"
    "Ejx3YMIheaBn7ZFCuytvtxjzJh1rQnewK1Ap/2NK7l3u3j5bCKJnYCNMMdddymLtpg2c9P"
    "5PszLW+/P/LPkDYd+d3OZzTyT9AEcn3bN+6vNMPSsiOVYKmlruJ8XN/BPZzNs72m8G3YGq"
    "9sdsXQ76b1plIJh+WxLFbDIUunoiZ5abVUgiWVYOn9rWArEyzxd4QagJWSR8/Cm9sL25TF"
    "qoccQ5vtcXj98E4pjw+XbWot9ac46TYW9Stmpour+smQe6TT7VZxku92i73k6b1M1nfbFk"
    "E4bC4hukeVCs4dlRScO+IUnAsSZeURLg7rS5CoUoqCwXs5Fmybh9mf/w9EMp4U"
)
