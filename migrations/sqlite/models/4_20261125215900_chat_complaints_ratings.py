from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "chat_sessions" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "channel" VARCHAR(16) NOT NULL,
    "openid" VARCHAR(64),
    "status" VARCHAR(8) NOT NULL /* BOT: bot\nQUEUED: queued\nAGENT: agent\nCLOSED: closed */,
    "service_code" VARCHAR(16),
    "queued_at" TIMESTAMP,
    "taken_at" TIMESTAMP,
    "closed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "last_at" TIMESTAMP NOT NULL,
    "agent_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "department_id" INT REFERENCES "departments" ("id") ON DELETE CASCADE,
    "user_id" INT REFERENCES "users" ("id") ON DELETE CASCADE
) /* One conversation: in the mini-program (a signed-in citizen) or through WeChat message push (an openid). */;
CREATE INDEX IF NOT EXISTS "idx_chat_sessio_openid_21a501" ON "chat_sessions" ("openid");
CREATE INDEX IF NOT EXISTS "idx_chat_sessio_queued__8a672b" ON "chat_sessions" ("queued_at");
CREATE INDEX IF NOT EXISTS "idx_chat_sessio_last_at_569726" ON "chat_sessions" ("last_at");
        CREATE TABLE IF NOT EXISTS "chat_messages" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "sender" VARCHAR(8) NOT NULL,
    "content" JSON NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "session_id" INT NOT NULL REFERENCES "chat_sessions" ("id") ON DELETE CASCADE
) /* One structured message: {"type": "text" | "card" | "quick_replies" | "handoff", ...} from a sender. */;
        CREATE TABLE IF NOT EXISTS "complaints" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "category" VARCHAR(16) NOT NULL,
    "title" VARCHAR(60) NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" JSON NOT NULL,
    "acceptance_no" VARCHAR(32),
    "service_code" VARCHAR(16),
    "status" VARCHAR(8) NOT NULL /* OPEN: open\nCLOSED: closed */,
    "due_at" TIMESTAMP NOT NULL,
    "flag" VARCHAR(8),
    "reply" TEXT,
    "replied_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE,
    "replied_by_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE
);
        CREATE TABLE IF NOT EXISTS "ratings" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "target_type" VARCHAR(16) NOT NULL,
    "target_id" VARCHAR(40) NOT NULL,
    "score" SMALLINT NOT NULL,
    "tags" JSON NOT NULL,
    "comment" VARCHAR(300),
    "service_code" VARCHAR(16),
    "hall" VARCHAR(32),
    "created_at" TIMESTAMP NOT NULL,
    "department_id" INT REFERENCES "departments" ("id") ON DELETE CASCADE,
    "user_id" INT NOT NULL REFERENCES "users" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_ratings_target__c1053a" UNIQUE ("target_type", "target_id")
) /* A citizen's 1-5 rating of one target: ("application", acceptance no), ("chat", session id), */;
        CREATE TABLE IF NOT EXISTS "rectifications" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "status" VARCHAR(8) NOT NULL /* OPEN: open\nCLOSED: closed */,
    "due_at" TIMESTAMP NOT NULL,
    "flag" VARCHAR(8),
    "outcome" TEXT,
    "closed_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "closed_by_id" INT REFERENCES "users" ("id") ON DELETE CASCADE,
    "department_id" INT NOT NULL REFERENCES "departments" ("id") ON DELETE CASCADE,
    "rating_id" INT NOT NULL UNIQUE REFERENCES "ratings" ("id") ON DELETE CASCADE
) /* 差评整改: opened by a rating of 2 or below, assigned to the department with a deadline. */;"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP TABLE IF EXISTS "chat_sessions";
        DROP TABLE IF EXISTS "chat_messages";
        DROP TABLE IF EXISTS "ratings";
        DROP TABLE IF EXISTS "complaints";
        DROP TABLE IF EXISTS "rectifications";"""


MODELS_STATE = (
    "eJztXelz47iV/1dQ+hK7Vt1ly+2jPVtbZbvVHSe+1nbPpDJKKRAJSYwpgMPDbiU7//sCPM"
    "QLpAiJlEkMPkyPReKB0g/gw7vff3oLoiPT+XhhWaahQdcguHcO/tPDcIHoH7zbfdCDlhXf"
    "ZBdcODH98TAe6N+AE8e1oebSe1NoOohe0pGj2YYVPqp3ATToILA38o4Hn9HI+4SmJ/vngG"
    "AEoKYhy4VYQwB7iwmy6RWbOA5Ar8heAh1Z0HYXCLsAYh1oc4gxMj+yx+pEo8818KyxJ3jY"
    "+M1DY5fMkDtHNn3Or79Gvx67bISho4VFXIS15fgFLXv/+Ae7iHX0AzlsOPtovYynBjL1FO"
    "aGzsj962N3afnXrrH71R/IftxkrBHTW+B4sLV05wSvRhvBN5ghjGzoIja9a3sMfOyZZrhW"
    "0XoEvyQeEnzFBI2OptAz2RIy6uALxNd64/Hd/fP4afg8HvdyyxtRJNYjvKTRHUK3Bv2qjv"
    "/rZ+wrfBgcfjr9dHZ08umMDvG/5urK6e/Bo2NgAkIfnrvn3u/+fejCYISPcQxqvNJjTPL4"
    "Xs2hzQc4R5jBmv6ILNYRsu0FewF/jE2EZ+6cfjwalCD788Xj1Z8vHveOBvvsgYS+zMGbfh"
    "feGfi3GPgx2I43+RfSXIqijkSwztLVA3V0IcY6ZkUSge1/3gDsiE5CsE8+VQD75FMh2OxW"
    "BmwXup7Dh3lIjxAf6mv6lRjDyEO+ot4d2GydF4bLJhXDvPf0/fL2+vl5+OUcrOYY4Yurq+"
    "GDfzHgjOza4/Avwyv/mo3YnmLXnr4/PNwMb4d3z4ycHoyInaMjfH03fhz+fD385RwYeGyj"
    "VwO90VkfHh7vf/ZntSybvLIZvgzvrtkVHWGDfb5+evrOPhuO4wX3b65/Hj4GQ0yDntjs6t"
    "X9zU34ZSjwZvht2IpeB/Pb2pyO1bNiQpX9dHhSYT8dnhTuJ3YrvZ9s5HgLNC7bVvy3N0e4"
    "0Y4KD512vr31oz0l9iIP8l+e7u/4IEfjM9jqhuaC/wOm4eTErNre2v+eelhj+IGJZ5iugZ"
    "2P7LH/I/gSV4a+BGqGD5t54Ti/mUmI924v/pZF/+rm/tKHjDjuzPZn8Se4zCwFxM4bsjlb"
    "vng1EiRqQWpfEPZ4FOgNVRckQaIWpPYFiQ/NseGihdCrwqNtxxKx50mzRFkVX+D85pDKd4"
    "LXL3+HJhgRpBMkO5S6F2RimKipjd60oMRsdi9jl7wgLAJ1hkw6S0n9+zlAjGpBFDOO2e+S"
    "EBNBXIZ2gjaD94QSN7W/V1d2y8Uv7+9vUlz88vo5A/b328sh3e3+GtBB9PjrJQyEMfJUy1"
    "wYDtLHOlxyztZCg2uObr3ttQt2k1rMrzG6uofGkCNMfqGQuMYC8bGNqbLCSkj2Mfqjeydj"
    "CXzP17fDp+eL24fU1v5y8Txkdwb+1WXm6l6Wna8mAb9cP/8ZsI/g7/d3w6wcsxr3/Pce+0"
    "7Qc8kYk7cx1JOYRJejS+l3B3rsDbDRgv48+qOF36Ei+o3epZYtdN2v0sr2tsELlaWt4bVq"
    "HeeyEdTvsbkMd0JH3rNw05a+ZpGBdYOFz5AqdtpmdjqlTNCZb7TOGVK1zm1eZ89i67DJMq"
    "cpFRdv8bKH3z5e9VdkO2HcTEXxKEGxO+XisCPi0CrGZiwUJ5MlU1obB9uJh3UTiQGbolHy"
    "ex5UhF1kW7bhCAKbo1Pg5sE16bExjsP0xBDmEyvOwFNCkf1qaII7OE2ktm8AK4v7nL7wgx"
    "ST8aNpkL8SGxkz/Fe0zIUYZYANQ3a/U/Q7uHF/jzZRdDXeBDZ8W0XL5s5zCgD92Siw9l5d"
    "PF1dfBn2CvhwDegOU5N1axNXhTh3AK3HOHzjawD4KZ5JTnTTzHE9tIGcVQOyl6uJ5AQ2JZ"
    "CuxzUjBNQA8JfUZJLyX77sxIebnXgTqL28QVsfFxx96BWxb5BD/zKk+/rXR2SuElD4wCey"
    "VIavcsGf2rIL+ntsA5r1wXUbzigrYo6LrPrQeqKzyYqUBZfs628J1kMwizyHjM/DyIAkeF"
    "eKq+VvLQaL7BWI4cz/SezZ7ElFfKs8A2/F2yql4Y1jzro+Ge95jlgAPsL6B4LNJWDWZNPA"
    "CJApgH4a3XmYGhcEnvspcTPkZ8exdwzoSDOY7TKfhVfv1Jz0u23S6y6N2R8lw+7zYHB0dD"
    "o4ODo5O/50enp8drBSYvO3yrTZy+tvTKHtJ83qFfLwxF2ZyufRKp9HNc+1S+yxTXgKS1mq"
    "ZZJKwny0+gM1X+jvEoE4Gi8huIMqwZmD4uDMQS44c2qTxQapWRky+cK6G4g3JhvgnCJSKK"
    "9HmYlRonkKSRr5MK4/GxsTl3PmPaMfBdJlNF4GbMsEmOHfnlOySy79ZiW/3NzffYuGZ3Ny"
    "fudIGWJhAAkS5ZAqjK7wFcdN4isShMqPyouL39BVXY+XWsLNu96bGlmqtrTqZ0ogdWwfC7"
    "pVE6/xeg+Kz1N357Fu2SaujGzi5FmP6fs5pDoK79auqB0ZeFeelnIbb9IhU83Mm3IKrbX0"
    "FuNfs2X1j2JWbaxwmWhZJ4nLOR0eHFRRiQ8OinVidi9bgec3z7CFk2+TZDvMu412dmfTbh"
    "3i2bwAoRILxIpCxi1du5GHMRIHccSGYoQTJDKYIRovuEeB9LNXp0LbOEUlH86Hg7MqW3lw"
    "VryX2T0u1I63WECbY7csqYCTo9yq/k3LoN95LSJh4/y7lDq0kYZWtf06yLs1G22YIJimVM"
    "7yTjnLlc21UZurZ5kE6lxoi/lXiki+07oeqUgZX0VO60aMr8E+rcP6upqoW/u6KripF7ql"
    "xkE/sLjcMBjFHlczCq7inteHft5jlOx34IdcrkIz/+SAN2K/TE3yBvYg+HLx7RyMvGN0ej"
    "Lyzg6OP4H/AqyvwtEg+LifD/+sf/qyDgwRo1B9F97bfCkYbrJNpEnb2H7joSbKMtxcYUY4"
    "dRHHqVlSnToiUHV2azc/GM6YPhq+cLZ7qZE+RaeqY4qY6bvX5+INGi4DTgz33i8X18/Xd1"
    "TgCOlH+P5heHcOiIVwcReLKv0qri7uroY3N34nCgaTaaKWdJ1gv20jM1OKUBUba0/VqbxV"
    "SVVglXp1kWboG73CaUq1ym1fZX7tuBJnboJGPrtlAz4XsuCH2RXH7CdIZEB412H7qiBiT4"
    "Xst92ilT9qJ0vRkP0MnQrZb1s+hIxbV/nkRA69RnxyqppUQ9H7fLZch/NT6tST3EnUKven"
    "pxvuDZn1eH7P6F6/1OHJRo3NcNj6hvOJIjQ20oitM0dkUHqGBRmxTxYVOAmGJmB+rXPwNi"
    "fBLfqHg+i/hjYHwe/r+wVq3uZLTt/5Bh+k6t90tf6Nqoyyo2IHYXtz0TDtNJkM+n3TrtJg"
    "m48Z3xJxmGbIdu82lSg+2/JsOkSIpSRIZOQnTWQjqPDsYvQlDs9WVUYaaGnnH7Ji3QRSRA"
    "rW9eYeVZeh9roM4SZUqK6rbp96WdtkbwjL33OsDXFh/GJbQ1BcvmJINYtZPjhg/05P2L9n"
    "k3PgMP2f6vth+X8HvBnuHBCMAKuongyRZuo+u75ANv0hYFXfwZeJ89aGph+m6kK0K7Bao5"
    "tTRN6PxkvXlF0FVnfKWkC/sIENvg+q2FiQplK2gi1sBSr8oga+nJKyjVfRwPSYSNWOqR6U"
    "rvrnFu/qbtpfOFGQuY4kqsXju1gPVF+sVvTFSsSf1NfASB67Q6N9eajE794ix4Ezrr0geb"
    "tfZjTQ6MDxIhgpkI1Nx3ia69lMHw+I6ZcY9diyjugY+hf64Y56VPId9TT6Y8M/f/MM7WVs"
    "I7rayAmvzal+T6bTEX34x48ffwesRQGAwEF0NW1+svZOn67CGToazhCsoZCDfUUhobpcxe"
    "lY7HLMOxwJdrlnb7GinCBRWvIWWrLy9RZv+W7qGlV8vQ496YTzKNJESrdYr1uEiNWgUzAZ"
    "7CmerWMwV/ampXZYm7xpSfwLROTE8qwRkcOfKSAiU+SYcdJXas6BgQGVHsHCwMYHyyYzGy"
    "5YOSGH7iikf6B3NcM1/o3wPiA2HWkTbzYHvyD2JSMZF1ieM6dE2M//N/SCSkY7eq7yubXM"
    "50Y1GYxMIbdbTLLDWhhsK4Y7sbcTwbeZGhViJRtjioaidt/Px1m/G66DBV4mxBXczL3L++"
    "dzQOlG+H+/D7+zSiz0eR4rznLxza/pQlkvK+dCtYInv06LSZzNirTUrPmFERtjUS9/lk6+"
    "+PX6OU2wJTbQ9FKEO6mksUsO1BG1juNCyut1rAYY3mCFk3SqVEqbVzjg3JuYa5KEao1bvc"
    "bKJvcHtMmZ0HE3WPIE2W7We6fagbzL7Uvkguk2M9UXtb1FViQH16MqlxisCQoF6Fpfgefw"
    "/Msq3Sbd3CDeUm0uT9NRdDeoTuMfSWrbrsu9m9URIpeMrNo8PC4TzdUx+f994uPIwjLDh+"
    "Vdf6ub/VLHXzRM9S2WzFdGcZgRXtPGEmdZgkbC6LD6Tdeu4YoVEloRSAjvSZXu0CfFzaFP"
    "cr2hWYhrHt3iwsDReCnALbMpNFEWGLou1OZMyuKc5CV9V9JkqvtK+cJsEAoJNQ1Zvpw6xk"
    "SE2eQI5fNGNtBdWnl+d1cjrntBECzIRZCx9JINbVoX6dCCPiVdOnlbZM2v5LObmnAmwsai"
    "8fKxr5rfG5ZixVGuioXTFYEM0O5aOA0S2jZxPacpVYBBm5mVCjAo5mXyepxVD4om/aMR/x"
    "Ntn5KjU77SNjifZdyurfE+tw1cydzPXYV3A/9zzD13t3tbxmurops7aFqVX0k87PreTI6D"
    "NbjVL3ev+oMqplReuGRhaCAiAnssrVGHhrkEsS33A/YWE2QDB9Flpp85KZJbzLOFG/cFCT"
    "kbw+HS1cOsK1es2LX7Ck2PV/GupOrKimR3QsdBsxLHDgqv5OSS9+FBiTOWw4bSJ3AxJ4oP"
    "MRXpIVmkh6pErCoRd+ZYS3j/5sR2x6IQp6kkBLr+XWxRiMR6E0UEMrgqmkYX6rqNnAIvdk"
    "FgRkwiH8K1tX4SEL+SZVP18XvV7GwbXykMSk75XKCDxuiVH/a1IVbDV6nyETIxK8iqD6kn"
    "OpusOyvRq2VzrOKmMDJClCu7tV3+RPVKbF1889KpClsglcyMkHFXWXDJvv6WMD0Es8gKEv"
    "09dI4tMXr0J5H0fbOR5hrTegSpx+Rcsm6pqM3XdlA9BbPICpJusH3FTUwSQsmF0+ktYh4M"
    "WZFy2E8cM9/uljtKLv9hoymVQ+Yws2zDYQDkbO2Ju/0yWztajavq+AMmmkETWHStCQZTQq"
    "VeMFkCw3XAyDtF+jRqL3j6+QjRv6eHkP2LDumV48EZu4uO6N9nB4dg79slOBocHhzwPIMN"
    "Pkj5BVrmF7CRbrjCiSwZMum8BIeVzFMl1qlcKLjyEqi+7yosuI6w4I1MvqpFU3WZMqj4YR"
    "r4pQaZMi0OdezNeRfx8ivUUEm5/uTtUgFzSgcKluu/iCreM1rwiuyVOg72Rt7x4Oh05J0d"
    "Hp3tA9Yu6gOZTs8B8Wz6H7NQ/kZfU7CgXwjpwCXhVH9ygnlY4B5P1Gz+gUrkbJfIuVodEX"
    "EoRSSfuNmERBS/IyJAp6mkQ3q3RfoLolPeIyfdQlgPzdBdrAIQvv824oj3xQGtKSKVm5TP"
    "TUI/LINK4xtoTWlKCbWmjmhJESYqZ1Ypx9myDgY2nPlGy54hVRnxbX67VYKpSjB9ByNIXz"
    "TB9H0yY26QPvPNUPayxzGnJG/3y8wppj9wjOhIo7LLzmJi9wdCjxdgI43YOiBTgKhcugQL"
    "ghH79xWxfJufgOMtHADNN7ik/6PsAYE3w537TQspHbIdjvWk9ulVj+8Wp5r1S4wqL/THi+"
    "ig0XgZ3Uu1K59wwZJkx1PE6YZb3PAiRaSOWa726SIbQ1PQFpghUzaqtTYqommebW+kCWRI"
    "JdQAZVIFlKJf/I7Jq+j7ApyYBpgkUWfTehXQx6sGHfABLpk8fh9N1zGUq+qCye3VJmXw3n"
    "Mn5EeQesZRBpO3+2XKIPEHJlLiqvjWdbKgkAGfCLzZhusiHPWld+gXAUy6n0AHUUghdmBQ"
    "rxw6/gDWo3yGgOGCYN4JYiVb4nHQ5DjXG37iCAc47H8Ez5QAk0QqAHgj9guyAeO6DvCwbj"
    "gWdLU50oFN3hz2LQw9UD0BxDp9hmm8sjo09NGLn8A/4/H0SPonMJwRdpALCH27Qg03pGB/"
    "2PQPHUxtsvC/efB75/R3TBD9wZbJ2rvrYA9BbR6TvSBkOX5QK3nD9LLuWfTaspE4VaUIK0"
    "V453rEpypBBZ+KYwo+5UIK4IxKLTOKhwjCKSIJYa5fXbPg0iSQs42LO2wkSNrRXYM9Vpru"
    "GkqtKn4X5FWrUiKI6MLniHfiQ93led+RlS60mwjEkTepkkQp1Bx1JJFdXayKJBO512shT2"
    "RBBVq6rAACzXCNf1P5mLwxyX7kHaPPn0be6fSI/nsyYZldn89OP++f06Fh1iqYIsRcTJQW"
    "stkh0xumVOYHUwOzz1QFoNIy1QTwBxf+AOF3y3uu3u9rcAT7X1dCoI2mvX+o4OB3DA5W4v"
    "tKrhxUkSsHxXLlICdXsu0tgG04XEJo6xfZk19LAOIMmYRQNxLabrhoIdSAcEXQDuVIrtaD"
    "yjveiHecCjljtm+Fk7NzhBKylQZ6Onavz6CHLWjognyk9/3u4eL6yzkIqEc4+BT8/Tj8+v"
    "3uC+s9SA9/jz6bXru6uLsa3tz4DQnZbzdNtFFPwvrjcpRZphh6ec0ybKdusOQJMhXO3jZb"
    "TEqeiBPsxWIa8oQq5SsvVqhOak2ia8GlaChOkkRhuj4Ux8crj69Kx0iH4CS3lWr4VT++Gz"
    "T8gunSMVuiLGUhmizK+TNdNJwsE8O3fcFbGeP3Gi1oE2JWGHWXut9f4+vyXzixuLugrAzS"
    "+0BHmr206GpFZWfoo1Nha33guPQ91IM4s7DmoaGDCZrSyywWznCAvycRt5pNk49SIWkdDU"
    "nzd6tojstroaCtElzy7pcALh8hYZAjKgmtpPVHAFI9n3i2xoG52PmSpNm9/+V9rC6NeFps"
    "pCEW6byB9StDqiyebTGJVbF4hlIA5wwnxEQQl5jDEO8EmVCyplZ4dWW379vl/f1NajUvrz"
    "Pn9N3328vh496hv4x0kOEmju/2xILF2kWxpLzSPtZLyrHOs15SvscIQNdFC8tl5RTpFABG"
    "sVPAndvEm82T0uzeX54uHq45BcS3mUhVa2xXQBarB0gfp6MN6ggm6aQTYhtoEqgCKRqxyX"
    "fQs79Ztcbew/Duy/Xdt3MQ0qed+1TMfPK9+CZxmGP/68W179WfQqM1Ln3LRvSgEFSWU0Ty"
    "NcusX11OZHEKQp2nrAXvFvH1+tGOQmkEOXuWbHe8/aAjjF1VLy2EuiPab6WAEBXmVfxGyW"
    "v0UGFecr/VrNgD1xFeVs7b4TtnGzwLDztyFobmFeHQowSRUh5VQNc7BXRFaa5bhsTI1464"
    "n4/qSryx60OOVLBcTcFyVQKMghLBHDeNQIBRph6xJHhz9OGtm0WzSWSCSMixlHEKWxw5OU"
    "LzHqNnQv+p1IA7mqqTcjEfUwH/W9iqneN5i5u4F/vcEt3iq4SlhXUP/uSAww/HICBmVQ0I"
    "RsCF9gy552BvlIyAHNGpoaYhy2fWAJP9PhuhzaHLboW93oCh7/dzPrmGnzfC7AZZWCaDn9"
    "2lV38CELzRLUHewKvhGC4jpvuFufcM7QVFw1haGZggQJUHpLPqc+wbLVgQXPC1ANumxcUb"
    "gkGrMJ7wI+XlqpLDezoOM8tS2cCcJpMwKKt+p0m85cWBrjPEsFUwfzqoEvt2UBz7dpDLEN"
    "YoT8pD/LSAplnILlZEMmmCR4PTkxW/YB/KWMXT7cXNTV6xduFMqIRDNF5VcEhZ+Gopb0cW"
    "/MyfkgbwMYl8Dtejgyq8g44qDu44yHOPoHaVcDWHLJ18cNd/IM4pRxbBOBovH7b1Rykpb1"
    "wx9PJ64943a7xtr1jNPgbVwE818GuBEXxtA792JIy3jBnUnC9eU+JByj4cJ53WZCVOTyjH"
    "egnbikNjOc9YHNvRS6zFwaCq5mIM6F7RXJtgQwMhLauW+/n0GI28U3hA/z05PjoZeceHJ8"
    "f0yvER/fd4cnxA//58ckbvHp0g4LhLE+33gUPfT5Z7/IpsP/FYg5jNDE3AFEROavPun68y"
    "Qdpl0MXeYsI7RovVqphCZX+s1au61vThfcLcGrF/MWYEXY9n3H1GP4oMu0kiKeznZerq8G"
    "/P5bCvtNWb+7tv0fDsWqRhf0GiiR4xhRSAK1ONMtX0azfVtKIbZOcloa0ywtf2jYy0repx"
    "jVtVnXrX1aiqIAv2jNwq0Z5qaARrhmn4SuwjsohdpMnlx/XXqHUJirHtk1RT8ooRVapQu1"
    "ShiWGaY53bB4+dq3xwU0RlR2oHj9MSNNmRmJW3vcUCBvGtVVWdBIlSdbZQdXRjOkU2oqeN"
    "UPBFhkwtgWomqKTytVJ5S6oKpQ32fCknbdEvFW8STZ6r2a5H3rGO0Mg7m2ispdvxqf/v0e"
    "dzQCzErMATVh8oDkgeAGKDCTLJWx9AJ7QUu8Rv7Rx7UcCb4c4pnU63jGlgTpO5HT5XCWjt"
    "EtA6WPKF7cmeGNy9+4fhXbCbs9Vdsi9DFQNUlWKRxbUic6UidfpCbNA3dUUl4fnWkfMswq"
    "TUzDQ14UzEdhuNly/Grub3hniuRhZCvogEiQzw7toREbDMTQTyJKEqN9FmdqW0rmJuJpfW"
    "xXmzJ3xHY6GYnSVTQauqj9Ru0Q20UjFkUzTKjbcuKFi1PNpBy6MVJ60B44rh1y3ju1XBzZ"
    "4524cHZ7nJ1m7ouAhCp/hI1RVI8c/mPdB+/RKuNTaqbFJmhl2VUFFu5U4dSP0SqyWrmR6s"
    "7AbF1lOE0sXb1l+VV1Vbb0hyRdDhJZoU796YQsKozrMqqeRnxZnkZ/lE8u75NiybaKxY0A"
    "YV7R/vr4ZPT0FR+9UsI/z0/YpdPweOp7GL+er2F5d394+3FzfnAE4wsRfQ3MQnUn9uesin"
    "xQKfU0Sq4vo63q6MfcXQy2vs81kB0jda9yytMua32ZjfihD3936Ra5fb6M9y3A2s5RxKZT"
    "Bfa34syAzYpOaxjB2p+8LZAUWbWVke19m98u9vo7UJBC1lT0EBrB7HVBbd6pfZysICWpXr"
    "sobjgeGiBctw/4TOJiPv89np5/0g9s/PV/dsmwUDzjxDRz8B9IrsJUB62LXbdAh4QRb9gE"
    "H4HX8OmhfwmoY3/0Bl6GuXoU+0BtxWtd9aBm3D6rX/fwFoo/ESmp7q16tfDCyWrx2OlxDc"
    "+ncu9HQDYV5r9WKAkzQ7tOeFpcQFjXmtQdo0XpFpzAkRbamdJtxhV+2IQ3eqqXZKY8csV4"
    "IuKgUwD3p5CeUsrUzqex2VlLU5xDiUeqsm9CVpVEXl1CavI8fPoDoPs7GKsZcE1Q55y+pK"
    "Z5nLnLhjG+IXUcaSpJPIYlUHT/HVTBGGsiJQucFb8A3VFLFXp02bNap+5WzjUi4cEykBrz"
    "oP9ix9Q5drmlK5XFvsicu1clNJACpgvcWeja1rLieOkrgt2padCy/imbonYhYhz5NitsQp"
    "7ceQaJeKdXrczFsWoVbsNEvgutZ3Nk6uaL0B579Gz2BTR8Ks6tz3nt6pjighrUdYadPvrE"
    "1jwqvQV+ILJNzifJ2soZD2oQwqdTQblHQ0G+Q7mqko22L0u6nyVYmyZTEnGwQJZskksrfW"
    "dkxE0pYQsGkidfyu16MTAueWSnQi/qxjEFfVoNO7a33g5eo1rwFduaMuswyxVSGXLpxOb5"
    "HfvYWnQSZu90vVRzZwvPBHVoy/fJ6zJkGUDOgGKzZJ7CXYc/zUjJ9YdKNlE90LXMfOkm4f"
    "HUxtsgBf6JI8Q/Nl/xy8zQlYwKXfYohRQCeYsB8EU77NDW0ObGIiJx+MufOnq8jMdum+rA"
    "eeWGpeTCFddGb9AYQqOrNBcH2uImJlWBGoCKDabQ/K9bwz17NyQionZIsF/d02fhWU9L9b"
    "fgdBjpAf3imV7z1/TOXMqqlhIgBBGD0OAmoqQ+9ZOpWP/2XN+sDCs/0+0OZIewkKtFN4XQ"
    "rdT1SKprvLv+T6QjplFDM6mw4tF9m8tKqGn1az5F4sA0kqXNbV7q6kYakSNlc5FIMqRarp"
    "qOIsikGuUHX4sgRACeCcpZMQ7/p7OTqUiYlYhcPhSqTh2dnncHB8IrJlY4qmNqtMWn54XI"
    "5fEMcMXAJymkxCttAMG1Zu2D+gG5a8YeESOAkSdS5UqNDC8NqdH6tt6FauzJLYVpvH13qs"
    "+LHBCTrbMLT2lgJtG7CK1awjDsRGw0b9PcqzAjjrfHzM/1HZAmDRsQT7TjLmIHOAgc8TOv"
    "reL4iKB67f0crQ91k/tsAbtxd52EDgbtnnKfz1TT7CI3z9BUCsA4tuM0TR8l2YANooMg0g"
    "rNlLy2UGhYvh04dvV7f7UWs4KsAw24FJNxDwNxGY0oeZhLx4Vh9Ypucwq8IIL6DD7A705o"
    "JeoF+NHg8WXXbkAGfOutA5JLjOPrEmdZA5IH27BmYFYICO/O9Avxem7wMdoXyKLfQpMjcL"
    "Xw5eX641om19cYfe1fXz9d9ZO7qQfoSphPP163nwko3wxZfba3oX6ouAy79/GYiAEYhoKD"
    "GFqsGaRjevBOqslr64Oz1DpnBeh3MQYyPs+82QKQ9w7R7gnZqfWybDNr3pDX0ciGRjKobl"
    "QS7ulJgjlAHtMrNGE/0SYxAnhv5DzJeVpWwIf5k4fAxaoDBsBnhMK8OWz6S3VMF8UIz5II"
    "e5r/aJMpcUkQwo75qxBACKMpU0lWIoaxlKAJg4M8nSybDFm1YyX6kmQyfbxD2TIVUtCdpT"
    "CCXvj5nCIE1+08Xm0asVb/OKK79rMVOV1++q6lzJtuqcl71lda5axsSljTBvGc5/oCpXbW"
    "NllcpcadCh2v4rYjR1YTV8lWqrZpioZtRQFyyB1pOLLEnBYpX9WVPfML1iC7jYRDekStvu"
    "7uLkeJN/IY1zYCikkmXi3TGcsWPCYW1Ut34RWTTNUzCTzJApsCqCRRaWyW5SrkU5NM8dLQ"
    "RYNJ3scO0Qp06KWb5lrJ6X8CudqvpL2Em0LLhkX39LoB6CWSQGyVeX/KaS20MlY//NdGUJ"
    "igGebQnUoz+JtBBR8dOYRrrzOOhCvyVgySklPQWDxvbOeNWDdFvI2HSSYhXVYmOVw3ZdW7"
    "uLeCWqE2yOVFwGQUauRQ8uZFu24aCxaeCXbbGiO3S4mlEmzJpOvUmgVpCEk8a1PB1nHC9r"
    "5cycKEuGlSBimSYspwTE8/yJfmamA9af+BRp05F3PPiMWK/iCeQm42w9H7dWvBemI8UTqV"
    "rxLc1t4eP6Dvks/j7rNYVvw+FDKsigGPpuupsr1diOj2WxIttZOpXmzWtV5ohmzicoFKLr"
    "PfjRKa3y5svc9olNVaGudkr82xJYKWX0LLw5XtimsnsXyDa0eY8j64d3SmV8GI+ptReTkq"
    "Tb2HWpWJgubrvUoDzdJMTppJ7j4ypZPcfHxWk97F6mLK9liSAcDpcQ3cNKHYEOSzoCHXI6"
    "AgWV/fIIlzSij0lUryvBbOOcCLbLw+z3/wdHG3mM"
)
