/* Included by tst.cpp-include.d through -I. */
#define ANSWER 42
