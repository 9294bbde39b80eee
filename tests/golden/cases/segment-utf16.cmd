"$SVERKA" segment tests/data/ru-utf16le.txt
