/* cleanpath() of every path of up to 5 bytes from '/', '.' and 'a'
 * (364 of them): tick i's 5 base-4 digits pick the bytes, 3 for none,
 * and only paths whose nones are all at the end are printed.  The
 * expected output came from a transcription of illumos's loop. */
#pragma D option quiet
BEGIN { c[0] = "/"; c[1] = "."; c[2] = "a"; c[3] = ""; }

tick-1ms
/i < 1024 && ((i & 3) != 3 || (i & 12) == 12) &&
    ((i & 12) != 12 || (i & 48) == 48) &&
    ((i & 48) != 48 || (i & 192) == 192) &&
    ((i & 192) != 192 || (i & 768) == 768)/
{
	this->s = strjoin(strjoin(c[i & 3], c[(i >> 2) & 3]),
	    strjoin(strjoin(c[(i >> 4) & 3], c[(i >> 6) & 3]), c[(i >> 8) & 3]));
	printf("\"%s\" \"%s\"\n", this->s, cleanpath(this->s));
}

tick-1ms { i++; }

tick-1ms
/i == 1024/
{
	exit(0);
}
