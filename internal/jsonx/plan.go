package jsonx

import (
	"cmp"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Inline is the argument type of the marker method JSONInline. A type
// whose JSON methods are exactly the engine's one-liners over an alias of
// itself (or, for a named string or number type, whose methods read what
// the engine's drift rules read for its kind) declares
//
//	func (*T) JSONInline(jsonx.Inline) {}
//
// and the engine then decodes and encodes T from T's own fields (or as its
// kind) whenever it meets a T inside another value, without calling T's
// methods (one pass, no
// second scan and no intermediate buffer). Code outside this module cannot
// name Inline, so it cannot call the method.
type Inline struct{}

type inliner interface{ JSONInline(Inline) }

// tagger is implemented by a struct type whose JSON is its fields plus one
// member the value itself names, such as a union variant's "type":
//
//	func (T) JSONTag(jsonx.Inline) (name, value string)
//
// The engine writes the member as an Extra member of that name (see
// encodeWith), without calling T's MarshalJSON, whose one-liner is then
// jsonx.Marshal of T itself (or MarshalExtra of T and the members it keeps
// in a map of another name, for a T without the inline marker).
type tagger interface {
	JSONTag(Inline) (name, value string)
}

// appender is implemented by a scalar type whose JSON the engine may append
// directly, instead of calling MarshalJSON and checking its output:
//
//	func (T) JSONAppend(jsonx.Inline, []byte) []byte
//
// It must append one valid, compact JSON value that needs no escaping
// beyond what encoding/json would write (Amount: a quoted decimal), and its
// MarshalJSON must return the same bytes.
type appender interface {
	JSONAppend(Inline, []byte) []byte
}

// decodedHook is implemented by a struct type whose decoding is its fields
// plus values derived from them, such as a union that keeps a member raw
// and reads a few values out of it:
//
//	func (t *T) JSONDecoded(jsonx.Inline)
//
// The engine reads an object met as a T from T's own fields in its one
// pass and then calls JSONDecoded, which derives the rest from the fields;
// any other value goes to T's UnmarshalJSON, as for a type without the
// method (T decides what a value that is not an object means). T's
// UnmarshalJSON reads the same way, from a zero T (the engine resets T
// before reading an object, so nothing of an earlier document stays):
//
//	func (t *T) UnmarshalJSON(b []byte) error {
//		*t = T{} // and whatever a value that is not an object leaves in t
//		if err := jsonx.Unmarshal(b, (*tFields)(t)); err != nil {
//			return err
//		}
//		t.JSONDecoded(jsonx.Inline{})
//		return nil
//	}
//
// Encoding is not affected: T is written through its MarshalJSON unless it
// also carries the JSONInline marker.
type decodedHook interface{ JSONDecoded(Inline) }

var (
	unmarshalerType     = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshalerType = reflect.TypeFor[encoding.TextUnmarshaler]()
	marshalerType       = reflect.TypeFor[json.Marshaler]()
	textMarshalerType   = reflect.TypeFor[encoding.TextMarshaler]()
	inlinerType         = reflect.TypeFor[inliner]()
	taggerType          = reflect.TypeFor[tagger]()
	appenderType        = reflect.TypeFor[appender]()
	decodedHookType     = reflect.TypeFor[decodedHook]()
	timeType            = reflect.TypeFor[time.Time]()
	numberType          = reflect.TypeFor[json.Number]()
	rawType             = reflect.TypeFor[json.RawMessage]()
	rawExtraType        = reflect.TypeFor[map[string]json.RawMessage]()
	anyExtraType        = reflect.TypeFor[map[string]any]()
)

// decodeFunc reads one value into v (settable). It returns errDrift when the
// value is valid JSON that v cannot hold (the value is consumed), or a
// *syntaxErr.
type decodeFunc func(s *decoder, v reflect.Value) error

// encodeFunc appends v's JSON to b and returns the extended slice.
type encodeFunc func(e *encoder, b []byte, v reflect.Value) ([]byte, error)

// encodeAtFunc appends the JSON of the value at p, a *T for the codec's
// type T that is addressable: the engine reads it in place, as encodeFunc
// would read the addressable reflect.Value of it, without building Values.
type encodeAtFunc func(e *encoder, b []byte, p unsafe.Pointer) ([]byte, error)

// codec is the cached plan of one type.
type codec struct {
	dec   decodeFunc
	enc   encodeFunc
	encAt encodeAtFunc
}

// field is one JSON member of a struct.
type field struct {
	name      string
	codec     *codec
	omitEmpty bool
	isZero    func(reflect.Value) bool // omitzero's test for the field's type (zeroTest); nil without omitzero
	quoted    bool                     // ",string"
	tagged    bool
	index     []int // path through embedded structs
	typ       reflect.Type
	pos       int // index in structPlan.fields
}

// encField is what encoding reads of a field on every call, in 48 bytes
// (a field takes 80): a request's members are walked on every call, mostly
// with caches cold.
type encField struct {
	key       string  // `"name":`, escaped as encoding/json writes it
	offset    uintptr // from the struct's start (inPlace only)
	codec     *codec
	f         *field // the rest, for the generic path
	kind      uint8  // field.typ.Kind(), for emptyAt
	inPlace   bool   // no pointer on the way to it; written by codec.encAt with emptyAt as its omitempty test
	omitEmpty bool
	plainStr  bool // a string written as it is (no JSON or text methods)
}

// structPlan is the member table of a struct type.
type structPlan struct {
	fields      []field
	enc         []encField // fields[i] is enc[i].f
	byName      map[string]*field
	byFold      map[string]*field
	typ         reflect.Type
	extra       int // index of the Extra field, -1 when none
	extraOffset uintptr
	rawXtra     bool // Extra is map[string]json.RawMessage (else map[string]any)
	tagged      bool // the type implements tagger
}

var (
	codecs  sync.Map // reflect.Type -> *codec
	plans   sync.Map // reflect.Type -> *structPlan
	buildMu sync.Mutex
)

// codecFor returns the cached plan of t, building it (and the plans of the
// types it contains) on first use.
func codecFor(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	b := newBuilder()
	defer b.publish()
	return b.codec(t)
}

// planFor returns the member table of struct type t, whatever methods t
// has.
func planFor(t reflect.Type) *structPlan {
	if p, ok := plans.Load(t); ok {
		return p.(*structPlan)
	}
	buildMu.Lock()
	defer buildMu.Unlock()
	b := newBuilder()
	defer b.publish()
	return b.structPlan(t)
}

func newBuilder() *builder {
	return &builder{building: map[reflect.Type]*codec{}, plans: map[reflect.Type]*structPlan{}}
}

// publish makes what b built visible to every caller.
func (b *builder) publish() {
	for t, c := range b.building {
		codecs.Store(t, c)
	}
	for t, p := range b.plans {
		plans.Store(t, p)
	}
}

// builder builds plans under buildMu; building holds the plans of this
// build, so recursive types point at their own (filled-in later) codec.
type builder struct {
	building map[reflect.Type]*codec
	plans    map[reflect.Type]*structPlan
}

func (b *builder) codec(t reflect.Type) *codec {
	if c, ok := codecs.Load(t); ok {
		return c.(*codec)
	}
	if c, ok := b.building[t]; ok {
		return c
	}
	c := &codec{}
	b.building[t] = c
	c.dec = b.decoder(t)
	c.enc, c.encAt = b.encoder(t)
	if c.encAt == nil {
		c.encAt = func(e *encoder, b []byte, p unsafe.Pointer) ([]byte, error) {
			return c.enc(e, b, reflect.NewAt(t, p).Elem())
		}
	}
	return c
}

// isInline reports whether t (not a pointer) carries the JSONInline marker.
func isInline(t reflect.Type) bool {
	return t.Kind() != reflect.Pointer && t.Kind() != reflect.Interface && declares(t, inlinerType, true)
}

// hasDecodedHook reports whether struct type t declares JSONDecoded.
func hasDecodedHook(t reflect.Type) bool {
	return t.Kind() == reflect.Struct && declares(t, decodedHookType, true)
}

// declares reports whether t has iface's method (through *t when ptr) of
// its own, not promoted from an embedded field. A marker promoted from an
// embedded field describes that field, not t: a caller's struct embedding
// an SDK type is written through the JSON methods it promotes, as
// encoding/json writes it.
func declares(t, iface reflect.Type, ptr bool) bool {
	mt := t
	if ptr {
		mt = reflect.PointerTo(t)
	}
	if !mt.Implements(iface) {
		return false
	}
	if t.Kind() == reflect.Struct {
		for i := 0; i < t.NumField(); i++ {
			if sf := t.Field(i); sf.Anonymous && (sf.Type.Implements(iface) || reflect.PointerTo(sf.Type).Implements(iface)) {
				return false
			}
		}
	}
	return true
}

// fieldOffset returns the offset of the field at index (a path through
// embedded structs) from the start of a t, or false when an embedded
// pointer lies on the way.
func fieldOffset(t reflect.Type, index []int) (uintptr, bool) {
	var off uintptr
	for _, i := range index {
		if t.Kind() != reflect.Struct {
			return 0, false
		}
		sf := t.Field(i)
		off += sf.Offset
		t = sf.Type
	}
	return off, true
}

// isPlainString reports whether the engine writes t as a plain JSON
// string: a string kind without JSON or text methods of its own (or with
// the inline marker, which makes the engine ignore them).
// builder.encoder decides with it, so a plan's plainStr members are
// written as the type's own codec writes them.
func isPlainString(t reflect.Type) bool {
	if t.Kind() != reflect.String || t == numberType || declares(t, appenderType, false) {
		return false
	}
	if isInline(t) {
		return true
	}
	pt := reflect.PointerTo(t)
	for _, m := range []reflect.Type{marshalerType, textMarshalerType} {
		if t.Implements(m) || pt.Implements(m) {
			return false
		}
	}
	return true
}

// plan builds the member table of struct type t, following encoding/json's
// rules for names, tags and embedded structs.
func (b *builder) plan(t reflect.Type) *structPlan {
	p := &structPlan{typ: t, extra: -1, byName: map[string]*field{}, byFold: map[string]*field{}, tagged: declares(t, taggerType, false)}
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		if sf.Name == "Extra" && sf.Tag.Get("json") == "-" && (sf.Type == rawExtraType || sf.Type == anyExtraType) {
			p.extra, p.extraOffset = i, sf.Offset
			p.rawXtra = sf.Type == rawExtraType
		}
	}
	p.fields = typeFields(t)
	p.enc = make([]encField, len(p.fields))
	for i := range p.fields {
		f := &p.fields[i]
		f.pos = i
		f.codec = b.codec(f.typ)
		offset, direct := fieldOffset(t, f.index)
		p.enc[i] = encField{
			key: string(append(appendString(nil, f.name), ':')), offset: offset, codec: f.codec, f: f, kind: uint8(f.typ.Kind()),
			inPlace: direct && !f.quoted && f.isZero == nil, omitEmpty: f.omitEmpty,
			plainStr: !f.quoted && f.isZero == nil && isPlainString(f.typ),
		}
		p.byName[f.name] = f
		if k := foldName(f.name); p.byFold[k] == nil {
			p.byFold[k] = f
		}
	}
	return p
}

// foldName folds s the way encoding/json matches member names without
// regard to case.
func foldName(s string) string { return string(appendFolded(nil, s)) }

// appendFolded appends s folded (ASCII upper case, other runes to the
// smallest rune of their case-folding orbit).
func appendFolded(dst []byte, s string) []byte {
	for _, r := range s {
		if r < utf8.RuneSelf {
			if 'a' <= r && r <= 'z' {
				r -= 'a' - 'A'
			}
			dst = append(dst, byte(r))
			continue
		}
		for {
			r2 := unicode.SimpleFold(r)
			if r2 <= r {
				r = r2
				break
			}
			r = r2
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst
}

// typeFields lists the JSON members of struct type t as encoding/json
// does: breadth-first through embedded structs, the shallowest (then the
// tagged) field winning each name, ambiguous names dropped.
func typeFields(t reflect.Type) []field {
	type entry struct {
		typ   reflect.Type
		index []int
	}
	var fields []field
	next := []entry{{typ: t}}
	var count map[reflect.Type]int
	nextCount := map[reflect.Type]int{}
	visited := map[reflect.Type]bool{}
	for len(next) > 0 {
		current := next
		next = nil
		count, nextCount = nextCount, map[reflect.Type]int{}
		for _, e := range current {
			if visited[e.typ] {
				continue
			}
			visited[e.typ] = true
			for i := 0; i < e.typ.NumField(); i++ {
				sf := e.typ.Field(i)
				if sf.Anonymous {
					ft := sf.Type
					if ft.Kind() == reflect.Pointer {
						ft = ft.Elem()
					}
					if !sf.IsExported() && ft.Kind() != reflect.Struct {
						continue
					}
				} else if !sf.IsExported() {
					continue
				}
				tag := sf.Tag.Get("json")
				if tag == "-" {
					continue
				}
				name, opts, _ := strings.Cut(tag, ",")
				if !validTag(name) {
					name = ""
				}
				index := append(slices.Clone(e.index), i)
				ft := sf.Type
				if ft.Name() == "" && ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				if name != "" || !sf.Anonymous || ft.Kind() != reflect.Struct {
					f := field{name: name, tagged: name != "", index: index, typ: sf.Type}
					if f.name == "" {
						f.name = sf.Name
					}
					for _, opt := range strings.Split(opts, ",") {
						switch opt {
						case "omitempty":
							f.omitEmpty = true
						case "omitzero":
							f.isZero = zeroTest(sf.Type)
						case "string":
							switch ft.Kind() {
							case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
								reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr,
								reflect.Float32, reflect.Float64, reflect.String:
								f.quoted = true
							}
						}
					}
					fields = append(fields, f)
					if count[e.typ] > 1 {
						// Two copies at the same depth annihilate each other.
						fields = append(fields, fields[len(fields)-1])
					}
					continue
				}
				nextCount[ft]++
				if nextCount[ft] == 1 {
					next = append(next, entry{typ: ft, index: index})
				}
			}
		}
	}
	slices.SortFunc(fields, func(a, b field) int {
		if c := strings.Compare(a.name, b.name); c != 0 {
			return c
		}
		if c := cmp.Compare(len(a.index), len(b.index)); c != 0 {
			return c
		}
		if a.tagged != b.tagged {
			if a.tagged {
				return -1
			}
			return 1
		}
		return slices.Compare(a.index, b.index)
	})
	out := fields[:0]
	for i := 0; i < len(fields); {
		j := i + 1
		for j < len(fields) && fields[j].name == fields[i].name {
			j++
		}
		group := fields[i:j]
		if len(group) == 1 || len(group[0].index) < len(group[1].index) || group[0].tagged != group[1].tagged {
			out = append(out, group[0])
		}
		i = j
	}
	slices.SortFunc(out, func(a, b field) int { return slices.Compare(a.index, b.index) })
	return out
}

// validTag reports whether s is a name encoding/json accepts in a tag.
func validTag(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range s {
		switch {
		case strings.ContainsRune("!#$%&()*+-./:;<=>?@[]^_{|}~ ", c):
		case !unicode.IsLetter(c) && !unicode.IsDigit(c):
			return false
		}
	}
	return true
}
