/* copyin() of a constant size over a -x scratchsize set explicitly is
 * refused, as DTrace's scratch-space copy is. */
#pragma D option scratchsize=64

BEGIN
{
	copyin(0, 65);
	exit(0);
}
