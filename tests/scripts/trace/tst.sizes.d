/* @@filter: cpu */
/* trace() of 1, 2, 4 and 8-byte integers, signed and unsigned, on one line. */
BEGIN
{
	trace((int8_t)-1);
	trace((int16_t)-2);
	trace((int32_t)-3);
	trace((int64_t)-4);
	trace((uint8_t)-1);
	trace((uint16_t)-1);
	exit(0);
}
