# Sourced by bin/baton and bin/bench: whether a jar that ./mvnw package makes must be made again.

baton_jar_stale() {
  # True when the jar $1 is missing, or older than any source or pom of the checkout at $2: only
  # sources and poms can make it stale, so only the modules' src/main and the poms are looked at.
  [ ! -f "$1" ] && return 0
  [ -n "$(find "$2"/baton-*/src/main "$2"/pom.xml "$2"/baton-*/pom.xml -newer "$1" \
      \( -name '*.java' -o -name '*.properties' -o -name 'pom.xml' -o -path '*/META-INF/*' \) -print -quit 2>/dev/null)" ]
}
