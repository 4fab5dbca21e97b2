# Writes a C++ source file that defines
#   std::string_view guestvoice::analysis::embedded::${FUNCTION}()
# returning the bytes of ${INPUT}, so the library needs no data files at run
# time. Run as a build step (cmake -P): it re-runs only when ${INPUT} changes.
#
# The bytes are written as a hex array rather than a raw string literal so any
# content (CRLF line ends, ")\"" sequences, non-UTF-8) survives unchanged.
cmake_minimum_required(VERSION 3.25)
foreach(required INPUT OUTPUT FUNCTION)
  if(NOT DEFINED ${required})
    message(FATAL_ERROR "embed_file.cmake needs -D${required}=...")
  endif()
endforeach()

file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR byte_count "${hex_length} / 2")
# One line per 32 bytes keeps the generated file readable.
string(REPEAT "[0-9a-f][0-9a-f]" 32 line_of_hex)
string(REGEX REPLACE "(${line_of_hex})" "\\1\n" hex "${hex}")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," bytes "${hex}")
get_filename_component(input_name "${INPUT}" NAME)

file(WRITE "${OUTPUT}.tmp"
"// Generated from analysis/data/${input_name} by analysis/cmake/embed_file.cmake.\n"
"#include <string_view>\n\n"
"#include \"analysis/internal/embedded_data.h\"\n\n"
"namespace guestvoice::analysis::embedded {\n"
"namespace {\n"
"constexpr char kBytes[] = {\n${bytes}'\\0'};\n"
"}  // namespace\n\n"
"std::string_view ${FUNCTION}() { return std::string_view(kBytes, ${byte_count}); }\n\n"
"}  // namespace guestvoice::analysis::embedded\n")
# Replace only when different so dependents are not rebuilt needlessly.
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")
