# Stepstream's engine (`stepstream server`), built from this repository.
#   docker build -t stepstream .        (docker-compose.yml builds it for you)

FROM maven:3-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN mvn -B -DskipTests -pl topology -am package \
 && mkdir -p /out/lib \
 && cp topology/target/lib/*.jar /out/lib/ \
 && cp "$(ls topology/target/stepstream-topology-*.jar | grep -v -- '-tests.jar$')" /out/lib/

FROM eclipse-temurin:17-jre
WORKDIR /opt/stepstream
COPY --from=build /out/lib/ lib/
RUN mkdir -p /var/lib/stepstream
# The throughput collector, as the stepstream launcher runs it (bench/README: G1's concurrent marking took a fifth of the engine's CPU)
ENTRYPOINT ["java", "-XX:+UseParallelGC", "-cp", "/opt/stepstream/lib/*", "io.stepstream.cli.Main"]
CMD ["server", "--bootstrap-servers", "kafka:9092", "--state-dir", "/var/lib/stepstream"]
