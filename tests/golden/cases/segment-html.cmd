"$SVERKA" segment --keep-boilerplate tests/data/page-belta.html
