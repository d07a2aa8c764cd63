// Package swar looks at eight bytes of text at once in a uint64 ("SIMD
// within a register"): the hot loops of the encoders (internal/csvenc,
// internal/jsontext) skip ordinary text this way and look at one byte at
// a time only where something needs it.
package swar

// Ones has 1 in every byte; c*Ones has c in every byte.
const Ones = 0x0101010101010101

// High has the high bit of every byte set.
const High = 0x8080808080808080

// Load returns s[i:i+8] as a little-endian uint64: s[i] is its lowest
// byte. s must have eight bytes from i.
func Load[S ~string | ~[]byte](s S, i int) uint64 {
	t := s[i : i+8]
	return uint64(t[0]) | uint64(t[1])<<8 | uint64(t[2])<<16 | uint64(t[3])<<24 |
		uint64(t[4])<<32 | uint64(t[5])<<40 | uint64(t[6])<<48 | uint64(t[7])<<56
}

// Zero has the high bit of a byte of x set where that byte, or one below
// it, is zero; none when no byte is. Masked with High it says whether any
// byte is zero, not which.
func Zero(x uint64) uint64 { return (x - Ones) &^ x }

// Has is Zero for the bytes of x equal to c.
func Has(x uint64, c byte) uint64 { return Zero(x ^ uint64(c)*Ones) }
