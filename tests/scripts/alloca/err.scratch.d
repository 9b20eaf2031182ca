/* @@filter: pc */
/* More than -x scratchsize in all: out of scratch space. */
#pragma D option quiet
#pragma D option scratchsize=64

BEGIN
{
	sz = 65;
	alloca(sz);
	exit(0);
}

ERROR
{
	exit(1);
}
