/* mutex_owned(), mutex_owner(), rw_read_held(), rw_write_held(),
 * rw_iswriter() read Linux's lock words: a struct mutex's owner (the
 * task, flags in the low 3 bits) and an rwlock_t's count (readers from
 * bit 9, 0xff a writer, 0x100 a waiting writer).  Locks laid out in
 * alloca() space give each state; the dtrace process's own exec mutex
 * is free while BEGIN runs. */
#pragma D option quiet

BEGIN
{
	m = &curthread->signal->cred_guard_mutex;
	printf("free: %d %d %d %d\n", mutex_owned(m), mutex_owner(m) == NULL,
	    mutex_type_adaptive(m), mutex_type_spin(m));

	this->m = (struct mutex *)alloca(sizeof (struct mutex));
	*(long *)this->m = (long)curthread | 1;
	printf("held: %d %d\n", mutex_owned(this->m),
	    mutex_owner(this->m) == curthread);
	*(long *)this->m = 4;
	printf("flags only: %d %d\n", mutex_owned(this->m),
	    mutex_owner(this->m) == NULL);

	this->l = (rwlock_t *)alloca(sizeof (rwlock_t));
	*(int *)this->l = 0;
	printf("rw free: %d %d %d\n", rw_read_held(this->l),
	    rw_write_held(this->l), rw_iswriter(this->l));
	*(int *)this->l = 2 << 9;
	printf("rw readers: %d %d %d\n", rw_read_held(this->l),
	    rw_write_held(this->l), rw_iswriter(this->l));
	*(int *)this->l = 0xff;
	printf("rw writer: %d %d %d\n", rw_read_held(this->l),
	    rw_write_held(this->l), rw_iswriter(this->l));
	*(int *)this->l = (1 << 9) | 0x100;
	printf("rw reader, writer waiting: %d %d %d\n", rw_read_held(this->l),
	    rw_write_held(this->l), rw_iswriter(this->l));
	exit(0);
}
