#!/bin/sh
# 'make valgrind': the golden tests with every sverka run under valgrind's
# memcheck; a memory error or a leak makes the run exit 99 and print the
# report, so its golden comparison fails.
exec valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite --errors-for-leak-kinds=definite \
    "${SVERKA_BIN:?}" "$@"
