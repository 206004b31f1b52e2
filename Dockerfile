# 掌办 (Zhangban) backend image: `python -m app` in production mode.
#
#   docker build -t zhangban .
#   docker compose up            # PostgreSQL, Redis, migrations + demo seed, the app and the job worker
#
# Production mode needs DATABASE_URL, REDIS_URL, ZB_DATA_KEY, ZB_SECRET_KEY and ZB_RECEIPT_KEY (base64 of 32 random
# bytes each).
# Without DATABASE_URL / REDIS_URL the app runs embedded (SQLite + in-process Redis), which is one process only:
# run that with `-e WORKERS=1`. The same image runs `python -m app migrate`, `python -m app seed` and
# `python -m app worker` (see docker-compose.yml).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PORT=8000 \
    WORKERS=2 \
    ZB_DATA_DIR=/app/var

WORKDIR /app

# A fixed, non-root user; /app/var (uploads, metrics files) is the only place it writes. A named volume mounted
# there starts with this ownership.
RUN groupadd --system --gid 10001 zhangban \
 && useradd --system --uid 10001 --gid zhangban --home-dir /app --no-create-home --shell /usr/sbin/nologin zhangban \
 && mkdir -p /app/var \
 && chown zhangban:zhangban /app/var

# The CJK font every PDF embeds a subset of (app/services/documents/fonts.py; ZB_CJK_FONT names another), and
# poppler-utils so that an operator can check a document in the container (pdffonts, pdfsig).
RUN apt-get update \
 && apt-get install -y --no-install-recommends fonts-wqy-zenhei poppler-utils \
 && rm -rf /var/lib/apt/lists/*

# Dependencies first, so a code change does not reinstall them. Every pinned package has a manylinux wheel
# for CPython 3.11 (or is pure Python): no compiler is needed in the slim image.
# requirements.txt only: the test-only packages (pytest, playwright, …) are in requirements-dev.txt, which
# the image never installs (.dockerignore keeps it and tests/ out of the build context).
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt

# The code stays owned by root: the app cannot rewrite itself.
COPY . .

USER zhangban
EXPOSE 8000

# /healthz is 200 when the database and Redis answer and the worker has warmed up (503 otherwise). No curl in the slim image: use Python.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["python", "-c", "import os, sys, urllib.request; r = urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

CMD ["python", "-m", "app", "--host", "0.0.0.0"]
