# Runtime image for activation-engine. Build the jar first (`mvn -B package`), then `docker build .`:
# the image only copies the shaded jar, so it needs neither Maven nor a JDK.
FROM eclipse-temurin:17-jre

# A fixed, non-root uid/gid: the Helm chart's securityContext (runAsUser/fsGroup 10001) assumes it.
ARG APP_UID=10001
RUN groupadd --system --gid "${APP_UID}" activation-engine \
    && useradd --system --uid "${APP_UID}" --gid activation-engine --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin activation-engine \
    && mkdir -p /app /etc/activation-engine /var/lib/activation-engine/state \
    && chown -R activation-engine:activation-engine /var/lib/activation-engine

WORKDIR /app
COPY --chown=root:root target/activation-engine.jar /app/activation-engine.jar

# The engine's KAFKA_X_Y rule reads this as state.dir, the same path the chart mounts its volume at.
ENV KAFKA_STATE_DIR=/var/lib/activation-engine/state

USER ${APP_UID}:${APP_UID}
EXPOSE 8080
# The state directory is a volume so that, outside Kubernetes too, state survives a container replacement.
VOLUME ["/var/lib/activation-engine/state"]

ENTRYPOINT ["java", "-jar", "/app/activation-engine.jar"]
CMD ["run", "--config", "/etc/activation-engine/engine.yaml"]
