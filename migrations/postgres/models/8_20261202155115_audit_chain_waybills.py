from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "audit_checkpoints" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "label" VARCHAR(48) NOT NULL UNIQUE,
    "seq" BIGINT NOT NULL,
    "row_hash" VARCHAR(64) NOT NULL,
    "key_id" VARCHAR(16) NOT NULL,
    "signature" VARCHAR(128) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "audit_checkpoints" IS 'The audit chain''s head at a point in time, signed with the audit key (Ed25519): one per Beijing day';
        CREATE TABLE IF NOT EXISTS "waybills" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "waybill_no" VARCHAR(32) NOT NULL UNIQUE,
    "order_id" VARCHAR(64) NOT NULL UNIQUE,
    "courier" VARCHAR(16) NOT NULL,
    "status" VARCHAR(16) NOT NULL,
    "recipient_name" VARCHAR(64) NOT NULL,
    "recipient_phone" TEXT NOT NULL,
    "recipient_region" VARCHAR(64) NOT NULL,
    "recipient_detail" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_route_at" TIMESTAMPTZ,
    "version" INT NOT NULL,
    "application_id" INT REFERENCES "applications" ("id") ON DELETE CASCADE,
    "created_by_id" INT REFERENCES "users" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_waybills_applica_ad88f6" ON "waybills" ("application_id");
COMMENT ON COLUMN "waybills"."status" IS 'CREATED: created\nPICKED_UP: picked_up\nIN_TRANSIT: in_transit\nDELIVERING: delivering\nSIGNED: signed\nRETURNED: returned';
COMMENT ON TABLE "waybills" IS 'A parcel sent by courier (寄递): a case''s result to the citizen, by one courier''s waybill number.';
        CREATE TABLE IF NOT EXISTS "route_events" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "event_id" VARCHAR(64) NOT NULL UNIQUE,
    "op_code" VARCHAR(8) NOT NULL,
    "stage" VARCHAR(16) NOT NULL,
    "accept_time" TIMESTAMPTZ NOT NULL,
    "address" VARCHAR(128) NOT NULL,
    "remark" VARCHAR(256) NOT NULL,
    "received_at" TIMESTAMPTZ NOT NULL,
    "waybill_id" INT NOT NULL REFERENCES "waybills" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_route_event_waybill_a62152" ON "route_events" ("waybill_id");
COMMENT ON TABLE "route_events" IS 'One courier route event (路由), stored once by the courier''s own event id however often it is pushed.';
        ALTER TABLE "audit_log" ADD "content_hash" VARCHAR(64);
        ALTER TABLE "audit_log" ADD "seq" BIGINT UNIQUE;
        ALTER TABLE "audit_log" ADD "prev_hash" VARCHAR(64);
        ALTER TABLE "audit_log" ADD "action" VARCHAR(16) NOT NULL DEFAULT 'read';
        ALTER TABLE "audit_log" ADD "row_hash" VARCHAR(64);"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "uid_audit_log_seq_7f5c19";
        ALTER TABLE "audit_log" DROP COLUMN "content_hash";
        ALTER TABLE "audit_log" DROP COLUMN "seq";
        ALTER TABLE "audit_log" DROP COLUMN "prev_hash";
        ALTER TABLE "audit_log" DROP COLUMN "action";
        ALTER TABLE "audit_log" DROP COLUMN "row_hash";
        DROP TABLE IF EXISTS "route_events";
        DROP TABLE IF EXISTS "waybills";
        DROP TABLE IF EXISTS "audit_checkpoints";"""


MODELS_STATE = (
    "eJztfXtz2ziW71dB+Z+26ypZW44fce9ulR9K4mnHdsdOp++0ptQQCVkcUwSbDzvavf3dLw"
    "CSEh8gRUgkRSKYqklbJA4o/QAenPf5350Z1pHpvj23bdPQoGdga+cM/O+OBWeI/MG73QM7"
    "0LaXN+kFD45NNh4uB7IbcOx6DtQ8cm8CTReRSzpyNceww0ftnAMNugjsDv2j/ns09N+hyf"
    "HeGcAWAlDTkO1BS0PA8mdj5JArDnZdgF6QMwc6sqHjzZDlAWjpQJtCy0LmW/pYHWvkuYb1"
    "VNsTfMv4y0cjDz8hb4oc8pw//oh+veXREYaOZjb2kKXNR89ovvOvf9GLlo6+I5cOpx/t59"
    "HEQKaewNzQKTm7PvLmNrt2bXkf2ED648YjDZv+zFoOtufeFFuL0UbwDZ6QhRzoITq95/gU"
    "fMs3zXCtovUIfslySPAVYzQ6mkDfpEtIqYMvsLy2Mxrd3j2OHgaPo9FOZnkjith6hJc0sk"
    "PI1iBf1WW//ol+hTf9g3cn704Pj9+dkiHsay6unPwdPHoJTEDI4Ll93Pmb3YceDEYwjJeg"
    "Lld6ZOEsvpdT6PABzhCmsCY/Io11hGx7wZ7B7yMTWU/elHw87Bcg+9v5l8tP5192D/t79I"
    "GYvMzBm34b3umzWxT8JdiuP/430jyCoo5EsE7TVQN1dGGJ9ZIVSQQ2+7wG2BGdhGAfvysB"
    "9vG7XLDprRTYHvR8lw/zgBwhDOpr8pUow8hCvqBuDmy6zjPDo5OKYb7z8PXi8/Xj4+DqDC"
    "zmGFrnl5eDe3Yx4Iz02pfBPwaX7JqD6J6i1x6+3t/fDD4Pbh8pOTkYET1Hh9b17ejL4Lfr"
    "wbczYFgjB70Y6JXMen//5e43NqttO/iFznA1uL2mV3RkGfTz9cPDV/rZcF0/uH9z/dvgSz"
    "DENMiJTa9e3t3chF+GAG+G34au6HUwv6NNyVg9LSaU2U8HxyX208Fx7n6it5L7yUGuP0Oj"
    "om3Ff3szhGvtqPDQaefbWz3aE+zMsiD/4+Hulg9yND6FrW5oHvh/wDTcjJhV2Vv7nxPf0i"
    "h+YOwbpmdY7lv62P8WfIlLQ18ANcWHzjxz3b/MOMS7n89/T6N/eXN3wSDDrvfksFnYBBep"
    "pYCW+4oczpbPX40YiVqQyheEPh4FekPZBYmRqAWpfEGWh+bI8NBM6FXh0bZjiejzpFmitI"
    "ovcH5zSOU7wauXv0MTjAjSMZIGpe4ZHhsmqmuj1y0oUZvd88jDz8gSgTpFJp2lpPr9HCBG"
    "tCCCGcfsd4GxiaBVhHaMNoX3mBDXtb8XV5rl4hd3dzcJLn5x/ZgC++vniwHZ7WwNyCBy/O"
    "3EDIRL5ImWOTNcpI90OOecrbkG1wzdattrF+wmlZhfl+jqPhpBjjB5RSDxjBniY7ukSgsr"
    "Idnb6I/unYwF8D1efx48PJ5/vk9s7avzxwG902dX56mru2l2vpgEfLt+/AToR/DPu9tBWo"
    "5ZjHv85w79TtD38MjCryOoxzGJLkeXku8O9Okb4KAZ+XnkRwu/Q3n0a71LLVvoql+lhe1t"
    "jRcqTVvBa9U6zuUgqN9Z5jzcCR15z8JNW/iaRQbWNRY+RarYaZvZ6YQwQXe61jqnSNU6t3"
    "mdfZuuwzrLnKRUXLzFyx5+++WqvyDHDeNmSopHMYrmlIuDjohDixibkVCcTJpMaW0cbMe+"
    "pZtIDNgEjZLfs6Aiy0OO7RiuILAZOgVuFlyTHBujZZieGMJ8YsUZeEoocl4MTXAHJ4nU9g"
    "1gpXGfk2d+kGI8fjQJ8gfsIOPJ+gXNMyFGKWDDkN2vBP0Obty/o00UXV1uAge+LqJlM+c5"
    "AYD8bBRYey/PHy7PrwY7OXy4AnQHicm6tYnLQpw5gFZjHL7xFQD8sJxJTnSTzHE1tIGcVQ"
    "GyF4uJ5AQ2IZCuxjUlBFQA8FViMkn5L1924sNNT7wx1J5foaOPco4+9ILoN8igfxHSffjl"
    "CzIXCSh84GNZKoMXueBPbNkZ+T2OAc3q4PoczigrYq6H7OrQeiCzyYqUDef0628I1n0wiz"
    "yHTAKjVzgfG+amr9+3YBaJMKJ8HvdxjL8nOH/21qw/S1+BFnxiP4k+mz4pj7cXZyku+H+p"
    "VMXR8vRZnbD4OEU0SQFZ+htsmXNALe6mYSGAJwCyVMOzMH0wCM5naYNPiGUQUj4EdKQZ1L"
    "6bzVSsdmpOiuImKYgXxtOPkoX4vt8/PDzp7x8enx69Ozk5Ot1fKPrZW0Ua/8X1R6r09+Ku"
    "hxK5iuLuXuUXapVfqJx338POyME8pa4oHTVOJWHOXvXBrM/kd4lAHI2XENx+mQDWfn4Aaz"
    "8TwDpx8GyN9LUUmXyh7zXEZOM1cE4QKZRXo0zFKNFcjjiNfBhXn7FuYY9z5j2i7znSZTRe"
    "BmyLBJjB748J2SWTorSQX27ubj9Gw9N5S39zpAyxUIkYiXLa5UagMMVxnRiUGGFdvubuVW"
    "6JpQ6s6c2vxpEv4d5d7XCODFUbOj5SVaK6tY0FHc+xl3i1j4lx1OZ8+i3bw6WRjZ07qzHd"
    "nsuuo/Bu7KxryLy78EUVW3jjLqtyRt6E22ylnTcf/4rtqj+KUbW20m6iha8kLnh1sL9fRi"
    "He38/XiOm9dI2iv3zDEU5PjpM1mJkc7ezOJia72Hd4IVQF9ocFhYxbunITD2UkLuKIDfkI"
    "x0hkMELUXpKQAMnyeydC2zhBJR/OB/3TMlu5f5q/l+k9LtSuP5tBh2O1LKgRlKHcqEJQy6"
    "BvvFqTsGl+K8UgHaShRfXDDvJuzUFrplAmKZWrvFOucmVxrdPi6tsmhjoX2Xz2lSCS77Cu"
    "RihSptdtm16DbVqF7XUxUbe2dVlwE+9zS02DLPC62CwYxWaXMwku4sJXh33eWSjeD4KFWy"
    "7CMn9ywSt2nicmfgW7EFydfzwDQ/8InRwP/dP9o3fg/wDad+KwH3zcy4Z+Vj99UYeKiE+o"
    "vhTbNl4KhppsEmXSOoG17jATZReur3AlnHiI49IsqN4dEag6xJUbHwx3RB4NnznbvdBEn6"
    "BT1UNFjPTd6wPyCg2PAieG+8638+vH61sicIT0Q+vufnB7BrCNrPwuH2X6eVye314Obm5Y"
    "pw4Kk2milnTloL9tLSNTglAVY2tPVa6sTUlVqJV6dZFm6Gu9wklKtcptX2V+bb0CV26MRj"
    "6zZQ0eFzzjB9nlx+vHSGRAuOmQfVUwcucHC9fvXEg576gdz0Xj9VN0Kl6/bckQLfMT/djJ"
    "EK30Gq3jkmt1sa02+j1LRu7zmXIVrk+p004y51Ctzs/YEpEv70HzeRRYyCCnqVlUTujOQo"
    "+Y/FOqShWbK76ocizb3+JuY0yoZ/m1gha3eyvcxdHA+hNH/oiZhl0TezR53/F2yKg/dvzw"
    "LQxH/Ev5aZv004q2sq+2hX2LeuAdlPHTHuT7aQ+y0eJhJVRRiNN0Evpta6hvEYIm6hxP00"
    "kIdvVO8hgLz0C9onFXgrKZaOUtiL5SWKE76Ase46hnqIgr+OLu7hfqrQ2o+Q5ccvXT4JIM"
    "G13fkstTpJGhI8MaWrd3o4dPd9/IjsAjd0qwbAU/JJKc8YJEK/4kqSoxcrfoiK+eETpoRn"
    "8Ya5o6GqMJ0UA52k5xNil3BhW0IhC0ssBwin1nw2VITaHWQWAdVBJTPiOSN4lpcUSus+4p"
    "WhWW0GaBcCn1rLPUaWK11m1e6yk0TTHXXIxC+ZN5obVU9RXrM7akUG5OTnqniwQrQMYo1B"
    "Zd7TiOLPPNuNnaBm7pBMPlpirRSIy80hVA+hBO0y0GUBbRGN9bjSg9dipA9BMs1bKkq5s0"
    "djg35AaOWcM2df7e4odwpk7Kg8VNdzyDiMUcniAO068+8tHjYjpJsBJ3jycDBfg+8kwwQb"
    "6jPBPPUDKx+hxcEcpHQgkiSrB7dz70j8bwYOgf90/e7wEj/AogtICACXYAttAyL5pmTP8M"
    "DM8FGnmH6WsHgsgOF3hTxG5ns64bfraqHNkupz5ZcQ25rrDnOU2nnKElfADRayRYZyZFJl"
    "08RQ2p2UHGpcNxSRakZ8eJVIp2wvz0I9WH8y1LPEm4NdEtRWGvxSlhSyoZUpbqZjHKg5UP"
    "vbweLJVU+yN4NFg3KzH7+5KiGnNx55WOjLFYxGyUXIrsOkSWDvFEpHUbV291PUpbQ5e7sI"
    "TpbrOSdL5ueJfUUctyA3Z4tpPUkF5hjgEdPNIWo0U6EVNS2gfYsH5ywZScPQB6AAI2DzAs"
    "1kO4B1zjyUI6eDW8KTNJBGTPaA52B3r/6Ojg/d4Zs2nYyAEXyPg3WRGgw3nGYtLAM4fW7p"
    "AcCvOz/0v+9+bz5zdXV8OdvR7rcgytOfk/LT5D9i922DNcQMaTtfKheTb0+/v9YzJc2Vta"
    "aG8hvxpxnBD5kvmCQDq1/12ZWvDv8kvBv8tWgkd/cazjBU27QwKZPLyNNO6OBVQSyWoK3a"
    "nIlo7TKLthCV2THBiCJsMlhYQA15ASRM5Q6Pm8WOAC61ScSEaY62jWocwm+ejLZTbZSAGs"
    "WFG5wU87eRoKvVdCNTHDYaudubaNLP0NJgsJHKRhR6dVrNELcuhnyD4R2d3FFjQBlRPBLh"
    "XrgwFRaa4esOGclcFmIr+jTY0XFMr85PbeWdaP28hjh9brFAPdIDrNlCo8Y+x75E88C3ST"
    "1+n8LfhEjvY3TDUiqs94Hvh/ETSJirNLv/J/MEDfznSi+9B7JnQ9MMG+A4KX3SUPRkPr9u"
    "vNDfAtzzAB0ZmIvACiOSkRkSHq0G+KhEXJVJxGBMV8RQhq/CozxRlnGxStW9MbhGBnOwUF"
    "3WQdbAqJNUkqGeWa6sVHf/xvpHnC3d6SZMrrtloTCjjJKHory7r2U2TNO/e343ipxY1v+w"
    "4ZIhYstCSRkZ8oPUnpSevrSVszYLYr/X4r1kvyJTxaU07UgpmmU0f36qPbdtCLMNAJIoVy"
    "iTIT27DH/2AYBxqSWCHlGIkq8svJeA1VIbGgmwRRTbB2zflckKTJNmEWX1UMNVnPN/aqls"
    "jSDPZgm1BtZWRS4lVtU2/NC4yfyS988F0bWW7w8zOOguygXpHHYBwMH7mL8U3UTY1ysJnN"
    "XBVHbTauJwA9g2uxqr4gklBL74hWXioeWBlj8t8reY0xqmiIKhrSAtFpZdGQLclNvqUzXL"
    "PCUnCnWEJiY0oGedPG3vv79N/JMf33dHwGXBq4AE0QFmV2gxhrGkpt0mCHWB9xGpdAr8+Q"
    "Q34ImJEd4hjkQczfk82Hr/thKiC7XYKbqmqvuo930QhJvrBhGfwYmnxHeJJK+cE38IOrHo"
    "UV8OV0FXKO97OoFvOSqMHqyxGL7mzxZd/W11Rnk5RKnW2LOsuxYmSqh1FRdbRuM0U+sVJy"
    "Vyu5KeQq0Her7vfXSq2Xv+FEFWBuZ0tOCZqogt6HX0r1lxPoatkRJ9jfdZoKLsOKcIOXnE"
    "50yQG9UiX2ojJzJW0IA6hNAdQ0ZNPydYuSd9EsPZqoQKvXLZK6zgAEDrJNOKeZEyyHgXzp"
    "KKPbQWQ5XQ8YLvlz4rtIz1oSmnmksie0y57QllTCFlkWqld+EWUUAUICKCepJLQyVJ9RP8"
    "Y6p45Yvn0hGt+O8nn0sdKUz3OQhoiyu47aliJVeltb9LaW584SVup9Rq4Ln7iOnvjtQqFN"
    "IwNHs2BkSXntzqJFgx1fo6eiDkJi8iWGO3Q5h2QM+Qt994Y7hLEMdzTyY8M///IN7XlEBS"
    "kDueG1KbR0PJkMycPfvn37N5g4eEakLReR7epkRbfGn67SWFudMVAg7rE1FJL1FhQSSiBl"
    "BJB8+SObBRXkWYhIIDES5d7YQNxQMU8/irCRTEBzqYtKMA4/QaT6T620CYeAVWALpiLYw3"
    "K2bqFcOng8sb/aFAQVhz9HQI6tzgoBOfyZAgIyQY76lJkt+oxVnZwiMDMs443t4CcHzsAu"
    "DM2Hb8hdzfCM/0HWHsAOGelg/2kKviH6JSMJF9i+O6WFYWjNF8vQ9/iicUPPVabNdpk2yS"
    "61LLHqlTGSBou20K0Y7sS6rD91lxQJ3gMRqJcUNeVwymRALupFMbD8Web4TQo82+hLMQ76"
    "+AmgvXNx93gGCN3Q+vXr4Ovg6gz8RRt/6UPr/OPgltwjrNcid4lO8EDvaiZ2kZ5m+VvQ+8"
    "JAW+GuRGk6+bKZq+c0wZZYQ89LEDbS0GALwmnblbpS+UsefEbrNOKO06mOFW1e4YBzr2Os"
    "iROqNW71GiuL3A9okaPVUddY8hhZM+vdqHYg73IziVywtszThhG5LePZVWcWrBvzXE24s+"
    "TgNp8k3S41QaoU6XZBW1mCNJ8ZVACrUCR+yxhBWXRLxuBnzrA27dpWAhs/ttfPa4hHVa2f"
    "05CK5OqY9L+dpAY8s02Y0/puebNX6PaLhtVfHkp5yhr1lBEcnrAj1II5TiNhZFj1hmvP8M"
    "Q6GywIJIT3eL+Mi2w/30W2n4EXfecc4o/kag664XgpwC2yKAx+f0wYEzLRdguDws3d7cdo"
    "eDoEL5X97nlQm1Ipi3OS5wc7psjakXVBnydN1kWQv0fl1JGFRZhNhlA+X2T1FWOU37fBpj"
    "XdC4GgIS6CjGXn7n5we8bCyloY56AToV3ctr+kktCV0xFbfimP3cSETyJsLBovH/uq+L2h"
    "6VUc5SpfOF0QyABt08JpkMy2XuJpnFKFF7SZWanwgnxeJq+/ebvO0bbFFVTsHI3Y35jfvj"
    "0X3Ayd8jy3wfMs4W5tjeu5ZdhK5nvuKLpr+J6XrLO5vdsyRlsW3cwp06rMSuxbHvNkcpyr"
    "wa1esWuVDSqZTHnu4ZmhgYgI7NKERh0a5hws7bhvLH82Rg5waSE28pmTHLnBPBu4cJ+RkK"
    "MxHK7KjKVdYGGWWL5b9wWaPq9EcUG1lQVJc7VS9+uVNxoouNKS8kdXyDRekDPnMaHFvUIu"
    "ZGHPmITFQilvpSSGSAmkKD/aw6ythIM0wzZoowlssQthfm0P6GTiF6QHpYXoHex7Y/wdsJ"
    "p3b8GfOtJ9e0Re/T9pAclgP53RvO0MD2vmsUNLN1wbehrhdcCwyEHrhW017m7B5d3th5vr"
    "y0dwdQfIzv10ffuxB1wcFMe0LPJFAbSCZwCL9uYAROF1WUUlsmdpQ45gcUoy1j9i3gwLfa"
    "dx8x6a2Sx+XqyNmqq7VCUbKGLFQS1H0TWIU0mkAjbcNfuZ/FghgSMcL0VkSN0VN7tSZKEx"
    "iPtlxLp+vljXz/bIjo4zEZATRBLC/L5MgMH7/ACD95kAg8XZLwJzgkg6FaW/XyZMj4zK38"
    "37mUC9NqbgdNqyPFtGwpcNxIuRtCMIT6rSx8bMxo4HeQy7sD1Qgq7BDkGLK51tEdTB4DAb"
    "WbQ5hOCe37kf3F4R/fIMhPRD64GVxnFZZZyHX67v72nImPts2DatnPPh/PqGXphAw6Sfrw"
    "bn5JOO4FrxZAdlQigP8kMoDzIhlKHuylm7/ATiGIk0ZqrKToO0RSCDa3FwBIdcvoT8jgRE"
    "lIqDYZUTkONgoarOSSoZosxSkuvRURnJ9egoX3Kl91SNYRVyRE/WNZY8RqYCCdvGQFvjsV"
    "kERXB9NvGQiYIeY4txKi+3eyFNvQKvgWr2rZp9dycQIXZkTrHjjUQhTlJJCHT1u9gmEAlh"
    "vCCQT+SvHl0iRBA5I8eslGObWJLIh/BBv4z7kIwqsP8wB6KA+BXvTEz0py21xW0bX8ktIZ"
    "NQV6GLRiyEoDqsFi1vu7WPS+HlesiuDqkHMpusO2vsW7q5aRGnCzaJrBBlWqSsD5RY05wu"
    "vnnJwlIbIBWvYyXjrrLhnH79DWG6D2aRFSTye8gcG2L0hU0i6fvmIG0Z6LspUPG5ZN1SYc"
    "GWDaF6CGaRFSTdoPuKW0ZOCCUPTiafEc05kRUpl/7EEQ1r2nBHyZXxVWsBzAFNcbIdw6UA"
    "ZGztsbu9Ils7Wowrm6oFTPQETWCTtcYWmGAi9YLxHBieC4b+CdInQ/8d2t8nf78/ROTvyQ"
    "Gk/6IDcuWof0rvokPy9+n+Adj9eAEO+wf7+7xcrhofpPwCLfMLOEg3POGyYyky6bwEB6XM"
    "UwXWqUx0u/ISVG/8UxEV5dCXK6JiLZPvtsy9XZGXsp1YTMN6rkCmTIpDHXtztiJefoAaKm"
    "itHL9dKGBOyEDB1srnUXdiSgtoym6kjoPdoX/UPzwZ+qcHh6d7YAot/Q2eTM4A9h2a+0qe"
    "9Bd5TcEM0mhhmj8bTPWTG8xDSy3wRM36H6hEznaJnIvVERGHEkTyiZt1SETLd0QE6CSVdE"
    "g321A5JzqlO0ki6+7nyms2h++/gzjifX4JkgSRSvjLpnig77ZBpPE1tKYkpYRaU0e0pFKZ"
    "HUo5zn+j5FKOE0W4Dctwp2ste4pUpR20+e1W9UBVPdDGTSA90Xqg28mL+QRNc4djRWHXe0"
    "XmkykZUdpsEnr1ASWilovT03fa0D8+OpyQf0/2dWrLgAfUMdanf0+0wx6AwMOvljs1bKAh"
    "y3PQXlAGjLrZaNcOWuxrin3H5ZlN6n+gMpu0y2yiMnhUBk8X7SNbSH1oN8S1GPtU+k6dDI"
    "Kdill086siLQiar4m0HaWplupHrom90cywfI8XL/kwI7JPrliRpm2uvMthzfVdDvsnxwvh"
    "gn4okisePp/f3GTtfkScNV54BZ2LikotiRqsKBXJGZ0qKLVuiAImXy2nFapgiEI0U3e5TH"
    "GMwiv5cvh1Q5yoEviNTSQrTM8GdjeN4viFznGFZI439wztGW361v3qIx89splkxYkeqptm"
    "LpApZIKnbuNVyJ9yTFhL7lVsyBrF+GUZe1YwnBqWTuD7k6F/dIgO9wCeABhYnKCl01r2QI"
    "MeNPFTZI5ywS41O7h7wPBYxI6JuNarqqfn2Kr+YL+b3mSw/UvZrrZou1IGlvpbhwvpp3Ga"
    "dpTtpc+TpmyvUq8aq9fLTjchph2jaM4o0HLmXeD9jI7RDb2fkcOtY+CWdX/GNpWo+3Orak"
    "jLDLlbEbOvrTH+/jmsY88RtBP3C0Vtg44chSXxSwrbj0TONaw3ZFLAyKlUfKyfnpJ/948n"
    "cQ/u3hl4dQzPQxbNxmQN9uKdpNgVVqTnJxfgVwssWkaRb2C5kB24WWl8C88v05gqCrqg4V"
    "mqHVUB399yOyrV66SZXieq9VSNrac8wzOFFNQFgYTwVh8CMMa6EHuIxksI7lEp3nBUwBuO"
    "sryBpmqK4BuNl8/1XwvrVdHz+ejLGz0fCZ6CSx4jU1HzKmq+1S/vDxY23wpLRq8bcfNxpz"
    "/HJJKKCci3iLAABPKzFt6GMt5HBz0ZroccpAMXmZM3UbA7m2zpJvyZugFdsplcFsLuILLw"
    "btRMm15xETmAPbDrepjOhSzNmdtkB3FrXjXzUBVV3y7PZLAzBYsRJIikM1/U4aGkr8SIvA"
    "pZlB/R97wIzgSVFLpgkfw0+P2x2A+5EJ9u7m4/RsPTzknlh9ySH1IpifnsRV4lUXmflfe5"
    "BUrEBt7nOpWIG6Q/sQpwznyHo0TEbxcqESYbOKI5q0ZpLcKmFW/eYMJ2iJCuYUenMjx6Qc"
    "4czLCF6L8viIbI/wxcf+YCaL7COfkP4Q4okOapP5PQIW4GbuXTV6wZKA9oUx5Q5Zmrse4T"
    "nGHf8kYTZAmcsUkidcxyCz95yLEgX3jJ37spMul03+p9n1jTfMdZSzFIkUqoGXREEyjlT1"
    "AKYP47Jq8CyAQ4MQ0wTqKqL63UABlcFaiA93BOxfG7aLpugVxWE4xvrjapgrf4YcpPYwvv"
    "9IoUwFhqNHkTR+60dCrbnYXAzHBdpIPYJCzzrH+o024m8HjvZ4As7D9NqQpHdK8ZDWaFtP"
    "2JgXWivblU1QNjjInk/pRVBet5hEiMrHB47I+iGdbmNhI/5KU93DtymKuYkAZfHG5RCzFg"
    "s4TV4Nt5tqQibtoUccPd6dk1IDLCIyb/lFyBDQu4bHWPl12G7AteYjU2kkHvfG+Mvwd9xz"
    "mCaPx2oTSK2cBYP/QyMU06nhEwgvyoRRpVmDTlki8CqKwxhi6KZ0sB6AZ1EKbQekI08iiY"
    "d0xLIcTGQTProKj7iUMrwGHvLaApZBaO9YEFr9h5Rg6ger8LfGuRJ6YDh4ju9FsYeuD8YL"
    "UeCMTGC3LYo2c/gz+X40fQ+xMY7tBykQcweWlCH0tIQf9wyB86mDh4tsxAA1PyO8YIhUlo"
    "5P4ugtp0SfaMkB1EcNFMNZaPRK7NawnSUq4Y5YqRIEkKPhFR+4ngIYJwgkhCmKt3GNhwbm"
    "LI2cb51TxiJO0o5kEfK00xD2XYz38X5DXsJ0QQ0YXPEDeSCrQFKb/tK51r9clo0dsxi9/D"
    "ebi8GXUkulWoitjBoJJayAOeEYGWVmSAQDM843+IfIxfqWQ/9I/Q+3dD/2RySP49HtO23u"
    "9PT97vnZGhUSbEBKEgD0KDdHZI9YYJkfnBxLDoZ6IC0EoQFrbeePA7CL9b1mC+va/BrRMX"
    "CYEOmqgycVu1qivxfZnIXEau7OfLlf2MXEm3twC24XAJoa1eZI9/LQGIU2QSQl1LqwPDQz"
    "OhYocLgnYoR3JVOlTxmbX4zYiQM6L7diTa9idDKCFbqSFDsaCJ78DyZxm/TTJTcRsNfX3L"
    "hoYuyEd2vt7en19fnYGAemgFn4K/vww+fL29GpDP5PD3ybPJtcvz28vBzQ29qNHfbppITw"
    "v024kMV2aZfOjlNcvQnbrGksfIVFWWttliUvEiZuhFFI4XSRHW1O+7ewp3XFGxobNGME6G"
    "TslsHHRtOBcNH4uTqFjwlQFODK4svKoVbyKyJr6p+DE1fJ5QAbBXick6xg/K4pvhhqtBjp"
    "1OFaB8npytU0eaQHhY6jxfv656kGWdBV6krHr16SOt2Nu1FlYPMcuNuEvc763wc7H3TSzm"
    "7gU5Bvmqeg/oKKzCBb4hotN7gDw6EbLWA2G9LhZjNp6z0DBDB2M0IZdpHJzhArYnkc6rHl"
    "bno1Q4WkfD0dhuFc2wfsmVslV6ddb1EsDFEBIGOaKS0EJaffQf0fGx72gcmPMdL3Ea1Qh5"
    "Ay+LgzREo5zXqkecIFXWzraYw8pYO0MpgHOGFxbwW1I1WMFvcaVTJfzaEwe21C7yJeWF9r"
    "FaUl7qPOWSpKHnoZntAQ/TiCmamxzETQFv6rDE5Zg0u/uPh/P7a04V3U0mUpVx2xWMhX0i"
    "ITlQR4Q7ichWaTrphNjqvc8qiKIeg3wHvfq0DgSFSAzhnfvB7dX17cczENInHftEzHxgHn"
    "wTu9Sp/+H8mnn0J9BojTvfdhA5KASV5QSRfN1sqleXYxmcglBnKSvBu0V8vXq0ozAaQc6e"
    "JmuOt+93hLGj77ZBtKw11OEkpYTacEe031LBICrEK/+NktfooUK85H6raaEHrh8890CMUT"
    "R3Fh505CwMzSvCcUcxIhV5pIK5thLMFSW4bhgPE0uV7RbCAhFdsdd1dbiRipOrJk6uTHBR"
    "0JyC46IRCC5KdcLomCyaG1uU1YU3DML6wiaRCSIhp1LKIWxzZOQIzajgXBlMF1N1UibmYy"
    "rge/vVRz56NLRnxA1Si9/uFXne/qIDRx4bWTpEjRGBgAjsnu8f9PeoEddhvSbZHzqc98A5"
    "+C+gTREZpb+hlYOXtfN64ILce4XmM7nBi0yr4QncMgpRpyYy2w7bN7MxuZUuqJAZF1rZVf"
    "3iZtteBuBn9euc/I9geJFe3V2mzEOQKsophSDc0BnU8k3mSwoJI8zKBJjlx5dlwsvyS3+s"
    "dtR1oQzIzvn9/R15Lz8Pbh/P4tx1aH07v/lldH17xljsyLDa4o8zsGN4HDbxMCMcPF8Jjt"
    "HJ5JQ+7J8cL7gw/VDEgB8+n9/ccPzRQQUj4Zz+NF2bN/qa7KT6DRyBxj6vAXZEJyHY1Xs6"
    "Oxhp8QoNb41Ii2/n148s0iKkpyUSovoItDjC0Hr45fr+nl5wnw3bZvEW17fXD59YxIVhGe"
    "60LTEX9BtzFq2YwS+IpHFLV8HalasyH2V5XZXBK7/OoscJlbuyze7KiGWvscopUrXObV5n"
    "1cq9ahdq892U2pXqXjWer+RnkD0thGiCpiZMO71Jt92gql0BsfV6/CPT/4Ze6U/hNB1jr2"
    "Xd0rFjZbWnv9mWX+3ir2UBXdnwK8tkK9ql3xaTdYvJlkU2cbrI0UytVfxYoFhOw73UvkAv"
    "+OIZf3l4p1fkKnfYmNJO8rBJwE8uOHhzBAJi2gIAWwh40HlC3hnYHcZLBg3J1FDTkM32Br"
    "DwXo+O0KbQo7dc5NKAUmDoe720Ka7u5w0tegPPbJMuKL1Lrv4MIAheJvBiuAbtHpyIJwiH"
    "0RqsYIwAUWtot2GXfaMZrRoTfC1At36+iz4YtKh7EX4kG0a1PdimMz61LKUzspJkEvopqr"
    "d4L7e8ONBV1uRpFczv9ssUi9nPLxazn3EHaYQniToWFkQyGVOq8C148Emo30E0XrU7SNge"
    "K+kFh2d8mTSfe8RI5MtQPtwvwzvIqPxqCPtZ7rHNMIlWw139gcg3yeRjHI2XD9vqy3oon3"
    "A+9PL6hLdbY71tr1jnXUoty22q2ULfrDm5ZdjWYk/eXnn1lrGCsuiWrK5eUZ2+RErVskZz"
    "dq3WSqxKTijHeommV0X5ZTxT8TL1rMBWHAwqayy2ANkrmudgy9BASEsby74/OUJD/wTuk3"
    "+Pjw6Ph/7RwfERuXJ0SP49Gh/tk7/fH5+Su4fHCLje3ER7PeCS95OW6n5BDqvTrUGLzgxN"
    "QNVDTr5V889XhRPbZc7dfqJQi4pqVa9V2XBuYsjZuPkGsRiJKkO9gfWLMiPo+TzT7iP6nm"
    "fWjRNJYT0vUlYHvz8Ww77QVW/ubj9Gw9NrkcqNQ6J1EZcUUgCuDDXKUNOr3FDDKmSLGRPi"
    "JNVYEzovCWWMCesF/OCosvlGoT6bNmnqRLBPfBPWHuaDyNfRDNNgSuwXZGMnT5PLjuutUO"
    "tiFCOHkZRT8vIRVapQu1ShsWGao6g6RPZc5YObIPqhS064/mwGHU4Kfr6qEyNRqs4Gqo5u"
    "TCbIQeS0EQq9SJGpJdgk1kJJ5T+IVL6RDFmpsBMz2POlnKRFv1C8WQ4tabse+kc6QkP/dK"
    "y9o0biE/bv4fszgG1ErcBj2k5nGY7cB9gBY2Ti1x6Abmgp9jAgog9YelHAq+FNCZ1Otoxp"
    "WChrs27wuUpAa5eA1sG6HXRP7ojBvXN3P7gNdnO6GUr6ZShjgKq49JVOXgjxM25JJeH51p"
    "HzrFz9ABM+idhuo/HyRdhV/N5g39Mwr7ZTvi8iRiIDvE07IgKWuY5AHidUZTDazK6U1pXP"
    "zeTSujhv9pjvaMyvBZYiUyGr2ZDV7cYDt+4dqhjdQCsVQzZBo9x4q2KCtxfB2rbNW3EIK5"
    "cBV4BxZcU8Wglu+sypsuyEs6hdsJEbelkCoVN8pOwKJPhn/R5o1vKDa42NmoEUmWEXXUeU"
    "W7lTB1KvwGpJW4wHK7tGb/IEoXTxttWXdlbNyWuSXBF0eYkm+bt3SSFhVOdpmUTy0/w88t"
    "NsGnn3fBu2gzVaKmiNBvBf7i4HDw9BD/jFLEPr4eslvX4GXF+jF7PN4M8vbu++fD6/OQNw"
    "bGFnBs11fCLVZ6aHfFos8DlBpBqUr+LtytiXD728xj7GCpC+1rqnaZUxv83G/FaEuG83qb"
    "t6sY38Ktdbw1jOoVT28pXWx5zEgHV6BG+UGrDdXVxdbkDeXlZ2x1VWr+zrW2tlAlE7GfY9"
    "NHhBFj8/Y3m3V2gvo+NGiA4sGbR4ZyGgYd8xkAMYNWDUNOX9lKwVS3A/oInsHtlOOsC0PO"
    "p4zmIFQ7KfXIBfrZDM0MEUvyKa7o4nHrKAQa65wPZpH41s6GLjT6/YFHhhPP0o1sD3/f7h"
    "4Ul///D49OjdycnR6f7ipMjeKjoyLq4/0lMjIVStthmyBRbUJuM0ylK4UpvEtnDJvhiJjD"
    "atagPeyPn7JFYQMSKQENvqDU5B/e5RpLWKaMUpUgnNITJpxWQomS3HMpyzwEsSGd+lfhlO"
    "RUblv039DLdy0Aw6z2LG24hCQoz7R2UYFhmVizG7l8ZYQ8bLWoa8FKmELEtiC+4rnLMsab"
    "FWYAkiZdtbaXoKAavAMvJtOVO3EC5rHEnurTbZRR6CouA7HKNIdKtXZBEJi4qX7lUTjgeG"
    "h2bUDPEOnY6H/vvTk/d7QUYkq+LnOw61Nzz5ho5+psYHZw6QHlgbyMwYPBN5EhgWCL/jb8"
    "ihDWQ49QYbeKAKf2pX+JOokl2tht0iE0b1OiD7rwC00XgJBdbq7UPPhiVWxS4cLyG4NVgv"
    "fN1AoRBSWquN0TQY5RS2V9vpKNImUZtMY4oxz56PsYmgxYc7SZgCfEwo60I84tDN2oUu7u"
    "5uEvrUxXU6x/Tr54sBQZ+BTwYZXsKYH7MsW7SCBFlUAmAW9OK2UmlamYJRq+gupU2hZYVS"
    "bxLX/DJHcRrVZSqxyauofGQQnYfaLcTYS4yqQd6yuNJZ5jLF3siBFsdUWcxY4nQSBfJUwV"
    "OYminCUBYEqmLaBnzjJVDaBVTuGEVz5+JBvRu4slA/SM6YF842LuTCSyIl4JXnwb6trxmI"
    "nqRUboy2uDE4ntjw26vSCFvxZqg0/sY7UcWOkmWreI6iFfWW+vDL6q5S58uZuidi5iHPk2"
    "I2xCnpx5Bol/7dgLcsQi3faRbDdaXvbBRf0WrT8P+InkGnjoTZfynv1Ba9Ux1RQlqPsNKm"
    "t6xNW5jXt6DAF4i5LQvWSzve9hZOxq6V6vLeL+jy3s92eVe5x/nod1PlKxO5RmNO1sidTJ"
    "NJZG+t7JiIpC0hYJNE6vhdrUfHBM4NlehY/FnHIC6rQSd31+qE1MVrXgG6cmejphliq0Iu"
    "TcxNQmXXe0UKI7mDyW9mJheXjC4ddTnG+JlOAuiJDygpbVSBLbQIj4Qe+ziFpvkW/EnHI/"
    "1PGv1Ic0EJwt70jGZ7Ug8qmOEX5NI8UbIMBGfylGxRnEYeOrQC87YLdkNq8J9AgzbUDG/+"
    "J+25Qa/2oqnBf4N9dvXJeCEPB7YJab4rWdS9vEDOP3bol2Pm+fBdjaIFyfvleBldOn+8Du"
    "fBaKVqN9a9I7UEpfMCU3QqwK5E2Bfd31xFJcdHAblN2H6s/nWMhXBBK6gwFBFJqNh1RJHj"
    "+O44mhwvmLd4aRE3nlctbLsWNpIvsqtbHA8Vp5NJkawiICqQz0QRXVI1h+d++8GkEqiYlS"
    "NGIdPOrMvEEYn4G2rgn2BVKY+tVMFjm2qjwIBI4908MCCaSSLQ6/V2e3Ay+YxmY6YLZ+0V"
    "sdu9Qj83HTiasZElTRaPUwQYGdAN2isUO3Ow67LKmj/TNEzbwbofxLi7c/KW6WDi4Bm4Ih"
    "g+QvN57wy8TjGYwTmg/TcpBXSDCXtB1ufr1NCmwMEmcrNZo40/XaWQtsty4LvIEauFtaSQ"
    "Lo20+kxHlUZaI7iMq2TRzQ+HWBCoVKWEDlpFkISKkW8sRl5FS6to6RZJ5r2qo6VrlfT98e"
    "LH/+pjD+7w5P3MoGKpPzZ89BcdX9pdGWbA09qzFnoTuA+D2cbozQy5LvkV1A/oUrUQTLDD"
    "3IgemtlEC0Rg9/X727Ac8UNE9jmkGobFCIc7HI9lI88dWlDX2RN+BggSNeAbIpKPB8ikOi"
    "BiJLtV4JD0Q8d99Fi6nVRI7za1hfhKCEi1KTIl3JYRbtGMPIvbhLCgsUCMRhpLcWVxcSq3"
    "MB/qbgaalsktpKeImJwco1AS8moJOTqmmwnTaxu4ZaXi2KZqkzz81TYxTEpOyTuFkq/Pxp"
    "SWdieGSaPRQuETBNRIB7u2PumBf9tPPWBbT3s9oE2RRsPYgiA4jwihP0edG8KmDfQTlTah"
    "Dm0PObx6iDU/rWJLdr70JKmx9bBfQmQ67OeKTPRWsbSqjK/1FvYOX5YAKAGc03QS4l3V5o"
    "6F0BEmJiDDRMOVAMNLkJnC/tGxyJZdUtS1WWXyeoXH5egZcWLHirqUJMgkZAv1sGGVPymZ"
    "WlsmfxK/WsIdPWMkqur/6oaTFK5WKbZtLPgf31TrR78R7VgfGZxaEWtWxPlMcHYMWMaH3J"
    "G8v1rj39gW5dkA3FURb9SsUVr/t8lYbLGQMRou5gLDOotp6LuhfwjbyDL0PYCdMDZtN4o3"
    "A0Hw0R5P3a9u8qE1tK6vALR0YE+p38vyWUAfgA6KDAPI0py57VFzwvng4c3Hy89hkwUIiP"
    "hCLQcm2UCAbSLmPzMxfvbtHrBNn2X9Da0ZdKnVgdyckQvkq5HDwaYuNxe4U/zaAy4OrtNP"
    "5DvSPD4HM6uGxTpT6oh9B/K9LPI+kBEqwq6FPjMadMSXggdkX2XOkEzAUrOi8Jo12Xcurx"
    "+v/zm4PYvet6FF5JsPH86Cl2xonV99viZ3oT4LuPz20/gCRiCinywpKqns0iJbXPUqoE4e"
    "PhIPLk2RKZxX4RxEnAtHQqbIVDxkQuurpGhUk8bnlsmwdW96Qx8FItmIiGFZkB/R91yZJU"
    "UoA9pFRo3B74/FO3th07i5u/0YDU9v9zz0x4b+XcyTlaasCX+ZOPwStEBhWA/wJa0MWz5V"
    "la4M5v18zPsZzJnaJ8pcEkQyoNw0YwkAFGUqSSrFUFYylAAwcWaSppNhi9etZL4QTYZMto"
    "5zJkVagXemZdh3xBnDiTHMemMmMKhuve5i8+jVird5xZXXNZ+pyut1VSHksq16mRDy7SZc"
    "toyJS5tv2TKcG0u33H5zmraxslwffLI6mku0/ZdK6vVEWA1epNqqKSaqGRW084mh9eAhW1"
    "KwVDUoEbB83fBGVPzYFCs60Q1+knVTMZxcf/xvpHFOV4VUokoj9US7vmsjqwKudRFM+LCY"
    "T9Z3UZtCbwSfWN125FaAHA3aeghmknSzMcgUWCXBwrSUALlJ+D0RBHhRD0KARdPJDleDOH"
    "WSbzEDbDUv4QcyVfmXsJNoGdYYc5x0Iihd0ynCmjGywmThEY3d3XA/3eIHMomsGNlwTr/+"
    "hhjdB7NIDBIz8GBHD8PtN4KKznVHp5IVL8/QntGmZ96vPvLRI5tJUumA/Bwyx4YwfWGTyL"
    "qTaFFkYxIZRUeaiV1e1IQQYPEpZd1ZaOJbujsKi8RtDhmdTlKsoiZMtJNb073OO4kXv9zi"
    "Bqjxyj3KyMxi5XrWR2tZF0hGiIhkhBzbMVw0Mg3reVOsyLs9WMwoK2avcD42TJOcjkFky2"
    "aYfQtmk4h51Z25G9thOTm8yT1YnM07Wr4ComVsAa3nTRNVaUoqWM7zE/lMTcJgd+ifIG0y"
    "9I/679HQf4fGkJvLu/F8hfVklxOpcrItTY3l47qFdFi2z3bqwrfm6GMVo5gPfTej1crEKM"
    "ZEGCGulaFTtcN4RYRVOVlVTnb7UX8ry8nyOUIFwEqpz6ThzfDCNtXsjTQkjrAfU57ypfxI"
    "Xysr3dvQ0ZBJ2zZ4QY1c3zGQQ4Xvo7H2bui/3z/o77FaO5DJ5uQoI4tG28/T2rmhLN+jpL"
    "SYTkhOxoXfAwQpqtyaPs09WZXNaZduEC4RkXJENIQklaqZnFIRsmVlmUdRsJ1HnEY6iKvP"
    "tw3ZjgjCMZIGdV130lVFl8gsns+x1ZarsrWkbrLO1tJWKoD4zuWXAVExr85ASD+07q8vfx"
    "lcjb7enwGbOqv1kW8Prevb0eOX89uH68czYJBf5EDLNbyhdTW4uf5t8OX69uMZIIKBQXNO"
    "raeh9XD98ZZOS0vn0Vm/DB6/fmFXHOT5jhV+062vtIM0wzZoLIRogZ0spYQFhuvoQxTBxv"
    "L/s4jnF8TgkEoBedN1MZY4Ougp9J2I7/olrRSL0Ny+15EHDXO9jb+klQL0pne+MmDn7395"
    "DdgmdAm7wr6H1lj4DLEqo9GezPrsWr8sQ5VKGlBiFM2Z0w/qeosr9k7EMrjFnBRZwppqFX"
    "TPRpU9jsZzMXAzdKoOxEo3EExWENjQaSFWj6Bdu7iszyL7Cq/2DC13ZnMut5bt47LwZl7i"
    "9etsMPFk07B7OkfZehFtE163Eip3jhxDm+5wvGbhnV6R0wwux6xymeXDoJxM7XIy5Uqf+Q"
    "aVfPGzmyp9qpTu0VEJQwoZlV9Ml97LCKUiCIfDJUT3YH+/jD18fz/fIE7vcbtwZhHOr/4f"
    "I2m+8v92FOPKavxnRNYmY0D+/v/fmBoP"
)
