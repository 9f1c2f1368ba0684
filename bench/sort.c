/*
 * sort.c — benchmark: sorts pseudo-random 32-bit keys with a quicksort
 * (median of three, insertion sort for short runs) and a heapsort, then
 * checks that both results are ordered and equal.  Returns 0 on success.
 */
#include <stdint.h>

#define N      20000
#define ROUNDS 24

static uint32_t a[N], b[N];

static void insertion(uint32_t *v, int lo, int hi)
{
    for (int i = lo + 1; i <= hi; i++) {
        uint32_t x = v[i];
        int j = i - 1;
        while (j >= lo && v[j] > x) {
            v[j + 1] = v[j];
            j--;
        }
        v[j + 1] = x;
    }
}

static void swap(uint32_t *v, int i, int j)
{
    uint32_t t = v[i];
    v[i] = v[j];
    v[j] = t;
}

static void quicksort(uint32_t *v, int lo, int hi)
{
    while (hi - lo > 16) {
        int mid = lo + (hi - lo) / 2;
        if (v[mid] < v[lo]) swap(v, mid, lo);
        if (v[hi] < v[lo]) swap(v, hi, lo);
        if (v[hi] < v[mid]) swap(v, hi, mid);
        uint32_t pivot = v[mid];
        int i = lo, j = hi;
        while (i <= j) {
            while (v[i] < pivot) i++;
            while (v[j] > pivot) j--;
            if (i <= j)
                swap(v, i++, j--);
        }
        if (j - lo < hi - i) {
            quicksort(v, lo, j);
            lo = i;
        } else {
            quicksort(v, i, hi);
            hi = j;
        }
    }
    insertion(v, lo, hi);
}

static void sift(uint32_t *v, int i, int n)
{
    for (;;) {
        int c = 2 * i + 1;
        if (c >= n)
            return;
        if (c + 1 < n && v[c + 1] > v[c])
            c++;
        if (v[i] >= v[c])
            return;
        swap(v, i, c);
        i = c;
    }
}

static void heapsort(uint32_t *v, int n)
{
    for (int i = n / 2 - 1; i >= 0; i--)
        sift(v, i, n);
    for (int end = n - 1; end > 0; end--) {
        swap(v, 0, end);
        sift(v, 0, end);
    }
}

int main(void)
{
    uint32_t seed = 2024;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < N; i++) {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            a[i] = b[i] = seed % 1000003u;
        }
        quicksort(a, 0, N - 1);
        heapsort(b, N);
        for (int i = 0; i < N; i++) {
            if (a[i] != b[i])
                return 1;
            if (i && a[i - 1] > a[i])
                return 2;
        }
    }
    return 0;
}
