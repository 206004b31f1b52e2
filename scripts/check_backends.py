"""Exit 0 when PostgreSQL and Redis both answer: `python -m scripts.check_backends PG_URL REDIS_URL`."""
import asyncio
import sys

import asyncpg
import redis


async def _pg(url: str) -> None:
    conn = await asyncpg.connect(url, timeout=3)
    await conn.close()


def main(pg_url: str, redis_url: str) -> int:
    try:
        asyncio.run(_pg(pg_url))
        redis.Redis.from_url(redis_url, socket_connect_timeout=3).ping()
    except Exception as exc:  # report any failure as "not reachable"
        print(f"backend check: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
