/* A constant size over -x scratchsize is refused at compile time. */
#pragma D option scratchsize=1024

BEGIN
{
	ptr = alloca(1025);
	exit(0);
}
