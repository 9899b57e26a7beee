package dev.evbus.pipeline.jq;

import net.thisptr.jackson.jq.Function;
import net.thisptr.jackson.jq.internal.filters.*;
import net.thisptr.jackson.jq.internal.functions.*;
import net.thisptr.jackson.jq.internal.functions.debug.*;
import net.thisptr.jackson.jq.internal.functions.math.*;

/**
 * The builtins jackson-jq 1.6 writes in Java, by the name and arity jq calls them: what its loader
 * finds through a service loader and the classes' annotations, written out so that a program makes
 * only the ones it calls. {@code JqBuiltinsTest} holds this table to that loader.
 */
final class JavaBuiltins {
    private JavaBuiltins() {
    }

    /** A new instance of the builtin written in Java under {@code nameArity}, or null if there is none. */
    static Function function(String nameArity) {
        return switch (nameArity) {
            case "@base64/0" -> new AtBase64Function();
            case "@base64d/0" -> new AtBase64dFunction();
            case "@csv/0" -> new CsvFilter();
            case "@html/0" -> new AtHtmlFunction();
            case "@sh/0" -> new AtShFunction();
            case "@tsv/0" -> new TsvFilter();
            case "@uri/0" -> new AtUriFunction();
            case "_match_impl/3" -> new _MatchImplFunction();
            case "_sub_impl/3" -> new _SubImplFunction();
            case "acos/0" -> new MathFunction.AcosFunction();
            case "asin/0" -> new MathFunction.AsinFunction();
            case "atan/0" -> new MathFunction.AtanFunction();
            case "atan2/2" -> new Atan2Function();
            case "builtins/0" -> new BuiltinsFunction();
            case "cbrt/0" -> new MathFunction.CbrtFunction();
            case "ceil/0" -> new MathFunction.CeilFunction();
            case "contains/1" -> new ContainsFunction();
            case "cos/0" -> new MathFunction.CosFunction();
            case "cosh/0" -> new MathFunction.CoshFunction();
            case "debug_scope/0" -> new DebugScopeFunction();
            case "delpaths/1" -> new DelPathsFunction();
            case "empty/0" -> new EmptyFunction();
            case "endswith/1" -> new EndsWithFunction();
            case "error/0" -> new ErrorFunction();
            case "error/1" -> new ErrorFunction();
            case "exp/0" -> new MathFunction.ExpFunction();
            case "exp10/0" -> new MathFunction.Exp10Function();
            case "exp2/0" -> new MathFunction.Exp2Function();
            case "explode/0" -> new ExplodeFunction();
            case "expm1/0" -> new MathFunction.Expm1Function();
            case "floor/0" -> new MathFunction.FloorFunction();
            case "from_entries/0" -> new FromEntriesFunction();
            case "fromdateiso8601/0" -> new FromDateIso8601Function();
            case "fromjson/0" -> new FromJsonFunction();
            case "getpath/1" -> new GetPathFunction();
            case "group_by/1" -> new GroupByFunction();
            case "has/1" -> new HasFunction();
            case "implode/0" -> new ImplodeFunction();
            case "index/1" -> new IndexFunction();
            case "indices/1" -> new IndicesFunction();
            case "infinite/0" -> new InfiniteFunction();
            case "isinfinite/0" -> new IsInfiniteFunction();
            case "isnan/0" -> new IsNanFunction();
            case "isnormal/0" -> new IsNormalFunction();
            case "join/1" -> new JoinFunction();
            case "keys/0" -> new KeysFunction();
            case "keys_unsorted/0" -> new KeysUnsortedFunction();
            case "length/0" -> new LengthFunction();
            case "log/0" -> new MathFunction.LogFunction();
            case "log10/0" -> new MathFunction.Log10Function();
            case "log1p/0" -> new MathFunction.Log1pFunction();
            case "log2/0" -> new MathFunction.Log2Function();
            case "ltrimstr/1" -> new LTrimStrFunction();
            case "max_by/1" -> new MaxByFunction();
            case "min_by/1" -> new MinByFunction();
            case "nan/0" -> new NanFunction();
            case "not/0" -> new NotFunction();
            case "now/0" -> new NowFunction();
            case "path/1" -> new PathFunction();
            case "paths/1" -> new PathsFunction();
            case "pow/2" -> new PowFunction();
            case "range/1" -> new RangeFunction();
            case "range/2" -> new RangeFunction();
            case "range/3" -> new RangeFunction();
            case "reverse/0" -> new ReverseFunction();
            case "rindex/1" -> new RIndexFunction();
            case "round/0" -> new MathFunction.RoundFunction();
            case "rtrimstr/1" -> new RTrimStrFunction();
            case "setpath/2" -> new SetPathFunction();
            case "sin/0" -> new MathFunction.SinFunction();
            case "sinh/0" -> new MathFunction.SinhFunction();
            case "sort_by/1" -> new SortByFunction();
            case "split/1" -> new SplitFunction();
            case "sqrt/0" -> new MathFunction.SqrtFunction();
            case "startswith/1" -> new StartsWithFunction();
            case "tan/0" -> new MathFunction.TanFunction();
            case "tanh/0" -> new MathFunction.TanhFunction();
            case "to_entries/0" -> new ToEntriesFunction();
            case "todateiso8601/0" -> new ToDateIso8601Function();
            case "tojson/0" -> new ToJsonFunction();
            case "tonumber/0" -> new ToNumberFunction();
            case "tostring/0" -> new ToStringFunction();
            case "type/0" -> new TypeFunction();
            case "utf8bytelength/0" -> new Utf8ByteLengthFunction();
            default -> null;
        };
    }
}
