# syntax=docker/dockerfile:1
# Tocsin image: one image for every role; the role is the command.
#
#   docker build -t tocsin:0.1.0 .
#   docker run --rm -e KAFKA_BOOTSTRAP_SERVERS=kafka:9092 tocsin:0.1.0 run --role worker
#
# The builder installs the project (not editable) with the pinned versions of
# constraints.txt into /opt/venv; the runtime stage copies that venv plus the data
# files Tocsin reads at run time (rule files, receivers, source catalog), which are
# not Python package data. Settings default to paths under tocsin.PROJECT_ROOT,
# which for an installed package is site-packages, so the image names them.
ARG PYTHON_IMAGE=python:3.11-slim

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY pyproject.toml README.md constraints.txt ./
COPY tocsin/ tocsin/
COPY connectors/ connectors/
COPY streams/ streams/
RUN pip install -c constraints.txt . \
 && tocsin --version


FROM ${PYTHON_IMAGE} AS runtime
LABEL org.opencontainers.image.title="tocsin" \
      org.opencontainers.image.description="Event-driven monitor for armed-conflict escalation (Kafka + Faust)" \
      org.opencontainers.image.licenses="Apache-2.0"
RUN groupadd --system --gid 10001 tocsin \
 && useradd --system --uid 10001 --gid tocsin --home-dir /var/lib/tocsin --no-create-home --shell /usr/sbin/nologin tocsin \
 && install -d -o tocsin -g tocsin -m 0750 /var/lib/tocsin
COPY --from=builder /opt/venv /opt/venv
COPY alert_rules/ /app/alert_rules/
COPY connectors/sources.yaml /app/connectors/sources.yaml
# Metrics stay off unless TOCSIN_METRICS_PORT is set (compose and k8s set one per
# role); when on, they listen on every interface of the container.
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    TOCSIN_RULES_DIR=/app/alert_rules \
    TOCSIN_RECEIVERS_FILE=/app/alert_rules/notify/receivers.yaml \
    TOCSIN_SOURCES_FILE=/app/connectors/sources.yaml \
    TOCSIN_DATA_DIR=/var/lib/tocsin/state \
    TOCSIN_METRICS_HOST=0.0.0.0
USER 10001:10001
WORKDIR /var/lib/tocsin
ENTRYPOINT ["tocsin"]
CMD ["run"]
