# Writes OUT, a C file holding the bytes of IN as cap_model_builtin_text().
file(READ "${IN}" hex HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "(0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,0x..,)" "\\1\n" bytes "${bytes}")
file(WRITE "${OUT}.tmp"
"/* Generated from models/dispel.ini by cmake/embed.cmake: do not edit. */
#include \"model.h\"
static const char text[] = {\n${bytes}0x00};
const char *cap_model_builtin_text(void) { return text; }
")
file(RENAME "${OUT}.tmp" "${OUT}")
