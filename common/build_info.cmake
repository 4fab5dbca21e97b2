# Writes build_info.cc with the release and the git revision of SOURCE_DIR.
# Runs at every build (see common/CMakeLists.txt): configure_file rewrites
# OUTPUT only when its text changes, so a build on the same commit recompiles
# and relinks nothing.
#
#   cmake -DSOURCE_DIR=... -DTEMPLATE=... -DOUTPUT=... -DGUESTVOICE_VERSION=...
#         [-DGUESTVOICE_GIT_REVISION=...] -P build_info.cmake
if(NOT GUESTVOICE_GIT_REVISION)
  execute_process(
    COMMAND git -C "${SOURCE_DIR}" rev-parse --short=12 HEAD
    OUTPUT_VARIABLE GUESTVOICE_GIT_REVISION
    OUTPUT_STRIP_TRAILING_WHITESPACE
    RESULT_VARIABLE not_a_checkout
    ERROR_QUIET)
  if(not_a_checkout)
    set(GUESTVOICE_GIT_REVISION "unknown")
  else()
    execute_process(
      COMMAND git -C "${SOURCE_DIR}" diff --quiet HEAD --
      RESULT_VARIABLE dirty
      ERROR_QUIET)
    if(dirty)
      string(APPEND GUESTVOICE_GIT_REVISION "-dirty")
    endif()
  endif()
endif()
configure_file("${TEMPLATE}" "${OUTPUT}" @ONLY)
