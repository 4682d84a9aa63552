#!/usr/bin/env bash
# Sourced by the project's scripts: selects a JDK 25 into JAVA_HOME (the machine's default java is 17).
# Order: $JAVA_HOME if it is 25, the Temurin 25 beside the default JDK, any other JDK 25 under /usr/lib/jvm.
quants_infra_select_jdk() {
  local candidate version
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-arm64 /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
    version="$("$candidate/bin/java" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}')"
    if [ "$version" = "25" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "quants-infra: no JDK 25 found (looked at \$JAVA_HOME and /usr/lib/jvm); install Temurin 25 and set JAVA_HOME" >&2
  return 1
}
quants_infra_select_jdk
